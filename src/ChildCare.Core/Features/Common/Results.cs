namespace ChildCare.Core.Features.Common;

/// <summary>A page of a server-side list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Input that breaks a rule, with a Vietnamese message per field (field names in camelCase).</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : Exception("Dữ liệu chưa hợp lệ: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Someone else saved the same row first.</summary>
public sealed class ConcurrencyConflictException()
    : Exception("Người khác vừa thay đổi dữ liệu này. Hãy tải lại để xem bản mới nhất.");

/// <summary>The caller asked for more than its share (e.g. too many exports running): 429.</summary>
public sealed class TooManyRequestsException(string message) : Exception(message);
