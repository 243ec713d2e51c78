using System.Globalization;
using System.Text.RegularExpressions;

namespace ChildCare.Web.Api;

/// <summary>
/// What a problem details body says, in the request's language (Vietnamese unless the culture is English): titles by
/// status for every problem (an unknown route's "Not Found" too), and ASP.NET Core's binding failures ("Required
/// parameter … was not provided") turned into a sentence that names the parameter.
/// </summary>
internal static partial class ProblemText
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Title(int status) => English
        ? status switch
        {
            400 => "The request is not valid.",
            401 => "You need to sign in.",
            403 => "Not allowed.",
            404 => "Not found.",
            405 => "This method is not allowed here.",
            409 => "The change could not be made.",
            413 => "The content is too large.",
            415 => "This content type is not accepted.",
            429 => "Too many requests.",
            >= 500 => "Server error",
            _ => "The request could not be completed.",
        }
        : status switch
        {
            400 => "Yêu cầu không hợp lệ.",
            401 => "Bạn cần đăng nhập.",
            403 => "Không có quyền.",
            404 => "Không tìm thấy.",
            405 => "Phương thức này không được hỗ trợ tại địa chỉ này.",
            409 => "Thao tác không thực hiện được.",
            413 => "Nội dung quá lớn.",
            415 => "Kiểu nội dung không được chấp nhận.",
            429 => "Quá nhiều yêu cầu.",
            >= 500 => "Lỗi máy chủ",
            _ => "Yêu cầu chưa thực hiện được.",
        };

    /// <summary>A detail for statuses the framework answers with an empty body (an unknown route, a wrong method).</summary>
    public static string? Detail(int status) => (status, English) switch
    {
        (404, false) => "Không có địa chỉ (API) này hoặc không tìm thấy dữ liệu được yêu cầu.",
        (404, true) => "There is no such address in the API, or the data asked for does not exist.",
        (405, false) => "Địa chỉ này không nhận phương thức HTTP đã gửi.",
        (405, true) => "This address does not accept the HTTP method sent.",
        (415, false) => "Nội dung phải là JSON (Content-Type: application/json) hoặc multipart/form-data với tệp.",
        (415, true) => "The content must be JSON (Content-Type: application/json) or multipart/form-data with a file.",
        _ => null,
    };

    /// <summary>ASP.NET Core's binding failure, said in the request's language and naming the parameter.</summary>
    public static string BadRequest(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            var (name, source) = (required.Groups["name"].Value, required.Groups["source"].Value);
            return English
                ? $"The required parameter \"{name}\" is missing ({source})."
                : $"Thiếu tham số bắt buộc “{name}” ({Source(source)}).";
        }
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var (name, type, value) = (bind.Groups["name"].Value, bind.Groups["type"].Value, bind.Groups["value"].Value);
            return English
                ? $"\"{value}\" is not a valid value for \"{name}\" ({Kind(type, english: true)})."
                : $"Giá trị “{value}” của tham số “{name}” không hợp lệ ({Kind(type, english: false)}).";
        }
        if (message.StartsWith("Failed to read parameter", StringComparison.Ordinal) || message.Contains("JSON", StringComparison.Ordinal) && !message.Contains("media type", StringComparison.Ordinal))
            return English ? "The request body is not valid JSON of the expected shape." : "Nội dung JSON của yêu cầu không đọc được hoặc sai cấu trúc.";
        if (message.Contains("no body was provided", StringComparison.Ordinal))
            return English ? "The request has no body; send JSON." : "Yêu cầu thiếu nội dung; hãy gửi JSON.";
        if (message.Contains("media type", StringComparison.Ordinal))
            return English ? "The content type is not accepted here (JSON or multipart/form-data)." : "Kiểu nội dung không được chấp nhận (cần JSON hoặc multipart/form-data).";
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return English ? "The content is too large." : "Nội dung gửi lên quá lớn.";
        return English ? "The request is not valid." : "Yêu cầu không hợp lệ.";
    }

    private static string Source(string source) => source switch
    {
        "query string" => "trong chuỗi truy vấn",
        "route" => "trong đường dẫn",
        "header" => "trong tiêu đề",
        "form" => "trong biểu mẫu",
        "body" => "trong nội dung",
        _ => source,
    };

    private static string Kind(string type, bool english) => type switch
    {
        "Guid" or "Guid?" => english ? "an identifier (GUID) is expected" : "cần một mã định danh dạng GUID",
        "int" or "int?" or "long" or "long?" => english ? "a whole number is expected" : "cần một số nguyên",
        "DateOnly" or "DateOnly?" => english ? "a date yyyy-mm-dd is expected" : "cần ngày dạng yyyy-mm-dd",
        "bool" or "bool?" => english ? "true or false is expected" : "cần true hoặc false",
        _ => english ? $"a {type} is expected" : $"cần kiểu {type}",
    };

    [GeneratedRegex("^Required parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" was not provided from (?<source>[a-z ]+)\\.")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^ \"]+) (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"\\.")]
    private static partial Regex FailedToBind();
}
