using System.Text.Json;
using ChildCare.Core.Features.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Api;

/// <summary>
/// Reading a JSON body by hand (where an endpoint also takes multipart): whatever arrives — no body, another content
/// type, broken or deeply nested JSON, a bare array, a number out of range, a date that does not exist — is a 400
/// naming what is wrong, never a 500. Typed parameters get the same from the framework (<c>ThrowOnBadRequest</c>).
/// </summary>
internal static class ApiBody
{
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw ValidationFailedException.For("body", "Nội dung phải là JSON (Content-Type: application/json) hoặc multipart/form-data.");
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct)
                ?? throw ValidationFailedException.For("body", "Thiếu nội dung.");
        }
        catch (JsonException ex)
        {
            throw ValidationFailedException.For(Field(ex.Path), Reason(ex));
        }
    }

    /// <summary>A multipart form, or a 400 when it is cut short or malformed (never the stream's IOException as a 500).</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            throw ValidationFailedException.For("file", "Nội dung multipart/form-data không đúng định dạng hoặc bị cắt ngang.");
        }
    }

    /// <summary>The camelCase name of the field JSON failed on ("body" for the document as a whole).</summary>
    public static string Field(string? path) =>
        path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";

    public static string Reason(JsonException ex) => ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
        ? $"Giá trị của «{path[2..]}» không đúng kiểu hoặc không hợp lệ (dòng {ex.LineNumber + 1})."
        : $"Nội dung JSON không hợp lệ (dòng {ex.LineNumber + 1}): cần một đối tượng JSON đúng cú pháp.";
}
