using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChildCare.Web.Api;

/// <summary>Marks an endpoint that only reads or changes the caller's own account: no scope check, so no 403.</summary>
internal sealed class OwnAccountOnly
{
    public static readonly OwnAccountOnly Instance = new();
}

/// <summary>
/// The OpenAPI document as a client generator needs it. Each endpoint states its summary and success response where
/// it is mapped; the rules here add what follows from how the portal works, the same for every endpoint:
/// the bearer (or cookie) security requirement, the problem-details responses it can give (400 bad input, 401 not
/// signed in, 403 outside the caller's scope or role, 404 an unknown id, 409 a stale version or a state that forbids
/// the change, 413 an upload over its limit, 429 the sign-in rate limit) and a stable operationId.
/// </summary>
internal static class ApiDescription
{
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookie";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Đăng nhập"] = "Đăng nhập lấy bearer token, làm mới, đăng xuất; xác thực hai bước.",
        ["Tài khoản"] = "Tài khoản đang đăng nhập: thông tin, tùy chọn thư điện tử.",
        ["Văn bản"] = "Chỉ thị, kế hoạch và các văn bản tiếp theo: nhiệm vụ, chỉ tiêu; nhập từ tệp.",
        ["Phổ biến văn bản"] = "Tiếp nhận, sao gửi và xác nhận đã nhận văn bản theo đơn vị.",
        ["Đơn vị"] = "Cây tổ chức theo ngày hiệu lực; thêm, đổi tên, chuyển, giải thể đơn vị.",
        ["Sắp xếp tổ chức"] = "Các đợt sắp xếp (sáp nhập, chia tách) áp dụng theo ngày hiệu lực.",
        ["Kỳ báo cáo"] = "Kỳ báo cáo quý: hạn nộp, đóng, khóa, mở lại.",
        ["Báo cáo tiến độ"] = "Báo cáo quý của đơn vị: soạn, lưu nháp, tổng hợp, nộp, trả lại, chấp nhận; minh chứng; mẫu Excel.",
        ["Bảng điều khiển"] = "Tình hình nộp báo cáo, chỉ tiêu, nhiệm vụ theo phạm vi của người xem.",
        ["Xuất báo cáo"] = "Báo cáo sơ kết, tổng kết: xuất ngay hoặc theo lượt chạy nền.",
        ["Thông báo"] = "Thông báo trong cổng và thư nhắc hạn.",
        ["Quản trị tài khoản"] = "Quản trị viên: tạo, sửa, khóa, mở khóa tài khoản, đặt lại mật khẩu.",
    };

    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A file download: the body is the file's bytes (a binary string to a client generator).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        contentTypes.Length == 0
            ? builder.Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            : builder.Produces(StatusCodes.Status200OK, typeof(Stream), contentTypes[0], contentTypes[1..]);

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer(DescribeDocument);
        // A report's version is xmin (uint): int64 is a format every generator knows.
        options.AddSchemaTransformer((schema, _, _) =>
        {
            if (schema.Format == "uint32")
            {
                schema.Format = "int64";
                schema.Minimum = "0";
            }
            return Task.CompletedTask;
        });
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "ChildCare API";
        document.Info.Description = "Theo dõi thực hiện Chỉ thị 28-CT/TW và các văn bản tiếp theo. Đăng nhập bằng POST /api/auth/login, "
            + "rồi gửi Authorization: Bearer <accessToken>. Lỗi trả về dạng problem details (RFC 9457), bằng tiếng Việt "
            + "(tiếng Anh với ?culture=en-US). The API answers in Vietnamese by default, in English with ?culture=en-US.";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "accessToken từ POST /api/auth/login (hết hạn sau expiresIn giây; làm mới bằng POST /api/auth/refresh).",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = ".AspNetCore.Identity.Application",
            Description = "Cookie của trang web (đăng nhập tại /account/login); yêu cầu khác nguồn bị từ chối.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, ProblemDetailsSchema());

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                tag.Description = description;
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var api = context.Description;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var method = (api.HttpMethod ?? "GET").ToUpperInvariant();
        var path = "/" + (api.RelativePath ?? "").TrimStart('/');
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        var hasRouteValues = path.Contains('{');
        var takesInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
        var changes = method is "POST" or "PUT" or "DELETE" or "PATCH";
        var signIn = path.StartsWith("/api/auth/", StringComparison.Ordinal);

        operation.OperationId ??= OperationId(method, path);
        operation.Responses ??= new OpenApiResponses();
        if (takesInput) AddProblem(operation, context, 400, "Dữ liệu gửi lên không hợp lệ (errors nêu từng trường).");
        if (!anonymous || signIn) AddProblem(operation, context, 401, signIn ? "Sai thông tin đăng nhập hoặc thiếu mã xác thực hai bước."
            : "Chưa đăng nhập, hoặc phiên đăng nhập đã hết hạn hay bị thu hồi.");
        if (!anonymous && !metadata.OfType<OwnAccountOnly>().Any())
            AddProblem(operation, context, 403, "Ngoài phạm vi đơn vị hoặc vai trò của người gọi.");
        if (hasRouteValues) AddProblem(operation, context, 404, "Không tìm thấy (mã không tồn tại hoặc không còn hiệu lực).");
        if (changes && hasRouteValues && !anonymous)
            AddProblem(operation, context, 409, "Xung đột: dữ liệu đã được người khác thay đổi (version cũ) hoặc trạng thái không cho phép thao tác.");
        if (operation.RequestBody?.Content?.Keys.Any(k => k.StartsWith("multipart/", StringComparison.Ordinal)) == true)
            AddProblem(operation, context, 413, "Tệp vượt quá dung lượng cho phép.");
        if (signIn) AddProblem(operation, context, 429, "Quá nhiều lần đăng nhập từ máy này; thử lại sau số giây trong Retry-After.");

        operation.Security = anonymous
            ? []
            : [Requirement(Bearer, context.Document), Requirement(Cookie, context.Document)];
        return Task.CompletedTask;
    }

    /// <summary>Directive import: text/plain, or a .txt/.docx/.pdf as multipart field "file".</summary>
    public static Task FileOrText(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        AddMultipart(operation, context, "Tệp .txt, .docx hoặc .pdf (tối đa 20 MB).");
        ((OpenApiRequestBody)operation.RequestBody!).Content!["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        return Task.CompletedTask;
    }

    /// <summary>A signed report: multipart with the PDF "file".</summary>
    public static Task SignedPdf(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        AddMultipart(operation, context, "Bản PDF của báo cáo đã ký số (PAdES: adbe.pkcs7.detached hoặc ETSI.CAdES.detached), tối đa 20 MB.");
        return Task.CompletedTask;
    }

    /// <summary>A list of accounts: multipart with a CSV or .xlsx "file".</summary>
    public static Task ListFile(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        AddMultipart(operation, context, "Danh sách tài khoản: CSV (UTF-8) hoặc .xlsx, tối đa 5 MB, 10.000 dòng.");
        return Task.CompletedTask;
    }

    /// <summary>A reorganisation: JSON, or multipart with name, legalBasis, effectiveOn and a CSV "file".</summary>
    public static async Task OrCsv(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        AddMultipart(operation, context, "Tệp CSV các dòng thay đổi (UTF-8, tối đa 5 MB).", "name", "legalBasis", "effectiveOn");
        ((OpenApiRequestBody)operation.RequestBody!).Content!["application/json"] = new OpenApiMediaType
        {
            Schema = await context.GetOrCreateSchemaAsync(typeof(Core.Features.OrgUnits.ReorganisationRequest), cancellationToken: ct),
        };
    }

    private static void AddMultipart(OpenApiOperation operation, OpenApiOperationTransformerContext context, string fileDescription,
        params string[] textFields)
    {
        var body = operation.RequestBody as OpenApiRequestBody ?? new OpenApiRequestBody();
        body.Required = true;
        body.Content ??= new Dictionary<string, OpenApiMediaType>();
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = fileDescription },
        };
        foreach (var field in textFields)
            properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
        body.Content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "file" }, Properties = properties },
        };
        operation.RequestBody = body;
        AddProblem(operation, context, 413, "Tệp vượt quá dung lượng cho phép.");
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    /// <summary>GET /api/reports/{id}/attachments/{attachmentId} → getReportsByIdAttachmentsByAttachmentId.</summary>
    internal static string OperationId(string method, string path)
    {
        var name = new System.Text.StringBuilder(method.ToLowerInvariant());
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(path.StartsWith("/api/", StringComparison.Ordinal) ? 1 : 0))
        {
            var value = segment.Trim('{', '}').Split(':')[0];
            if (segment.StartsWith('{')) name.Append("By");
            foreach (var word in value.Split('-', '_', '.'))
                if (word.Length > 0) name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
        return name.ToString();
    }

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Problem details (RFC 9457): title và detail là câu cho người đọc; errors nêu lỗi theo từng trường.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
