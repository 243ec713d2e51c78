using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Directives.Import;

namespace ChildCare.Web.Api;

internal static class DirectiveImportEndpoints
{
    public static void MapDirectiveImportEndpoints(this RouteGroupBuilder api)
    {
        // The text as text/plain, or a .txt/.docx/.pdf as multipart (field "file"). The proposal is not saved.
        api.MapPost("/directives/import", async (HttpRequest request, DirectiveImportService service, CancellationToken ct) =>
        {
            await service.RequireImporterAsync(ct); // a reporter gets 403 before anything is read
            string text;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "Chưa chọn tệp.");
                if (file.Length > DirectiveImportService.MaxFileBytes) throw ValidationFailedException.For("file", "Tệp lớn hơn 20 MB.");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                text = DirectiveImportService.ExtractText(file.FileName, buffer.ToArray());
            }
            else
            {
                using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
                text = await reader.ReadToEndAsync(ct);
            }
            return await service.ProposeAsync(text, ct);
        }).DisableAntiforgery().WithTags("Văn bản");

        api.MapPost("/directives", async (SaveDirectiveRequest request, DirectiveImportService service, CancellationToken ct) =>
        {
            var id = await service.SaveAsync(request, ct);
            return TypedResults.Created($"/api/directives/{id}", new { id });
        }).WithTags("Văn bản");
    }
}
