using System.Data.Common;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Web.Api;

/// <summary>Turns the services' exceptions into RFC 9457 problem details for /api calls.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path is the error page's; the feature keeps the path that failed.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        // A binding failure (a missing or malformed parameter) is the caller's, on any endpoint: 400 with what was wrong.
        if (exception is BadHttpRequestException bad)
        {
            await TypedResults.Problem(ProblemText.BadRequest(bad), statusCode: bad.StatusCode, title: ProblemText.Title(bad.StatusCode)).ExecuteAsync(context);
            return true;
        }
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        // A body that is not what the endpoint reads (broken JSON or multipart) is the caller's fault too, wherever it is parsed.
        if (exception is System.Text.Json.JsonException json)
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ApiBody.Field(json.Path)] = [ApiBody.Reason(json)] },
                title: "Dữ liệu chưa hợp lệ.").ExecuteAsync(context);
            return true;
        }
        if (exception is InvalidDataException)
        {
            await TypedResults.Problem("Nội dung gửi lên (multipart/form-data) không đúng định dạng.", statusCode: StatusCodes.Status400BadRequest,
                title: "Dữ liệu chưa hợp lệ.").ExecuteAsync(context);
            return true;
        }
        var (status, title) = exception switch
        {
            NotAuthenticatedException => (StatusCodes.Status401Unauthorized, "Bạn cần đăng nhập."),
            ForbiddenException => (StatusCodes.Status403Forbidden, "Không có quyền."),
            NotFoundException => (StatusCodes.Status404NotFound, "Không tìm thấy."),
            ValidationFailedException => (StatusCodes.Status400BadRequest, "Dữ liệu chưa hợp lệ."),
            DomainException => (StatusCodes.Status409Conflict, "Thao tác không thực hiện được."),
            ConcurrencyConflictException or DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Xung đột dữ liệu."),
            TooManyRequestsException => (StatusCodes.Status429TooManyRequests, "Quá nhiều yêu cầu."),
            // Text PostgreSQL cannot store (a NUL, an escape jsonb refuses) that slipped past the checks: the input's fault.
            DbUpdateException { InnerException: PostgresException { SqlState: "22P05" or "22021" } }
                or PostgresException { SqlState: "22P05" or "22021" } => (StatusCodes.Status400BadRequest, "Dữ liệu chưa hợp lệ."),
            _ => (0, ""),
        };
        if (status == 0)
        {
            // A fault: logged with its stack here (handled exceptions are not logged by the middleware), answered as a 500
            // problem whatever the method (the error page answers GET only).
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, path);
            await TypedResults.Problem("Đã xảy ra lỗi máy chủ; thao tác chưa được thực hiện. Vui lòng thử lại hoặc báo quản trị viên.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Lỗi máy chủ").ExecuteAsync(context);
            return true;
        }
        IResult result = exception is ValidationFailedException v
            ? TypedResults.ValidationProblem(v.Errors, detail: v.Message, title: title)
            : exception is DbException or DbUpdateException
                ? TypedResults.Problem("Nội dung chứa ký tự không lưu được (ví dụ ký tự NUL).", statusCode: status, title: title)
                : TypedResults.Problem(exception.Message, statusCode: status, title: title);
        await result.ExecuteAsync(context);
        return true;
    }
}
