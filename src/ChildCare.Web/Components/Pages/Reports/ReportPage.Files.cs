using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Files;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using ChildCare.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace ChildCare.Web.Components.Pages.Reports;

/// <summary>The report page's files: evidence uploads and removals, and the Excel workbook import.</summary>
public sealed partial class ReportPage
{
    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        if (file.Size > EvidenceFiles.MaxBytes)
        {
            Snackbar.Add($"{file.Name}: tệp lớn hơn 20 MB, không tải lên được.", Severity.Error);
            return;
        }
        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(EvidenceFiles.MaxBytes);
            var added = await Attachments.AddAttachmentAsync(Id, file.Name, stream);
            await RefreshKeepingFormAsync();
            Snackbar.Add($"Đã tải lên {added.FileName}.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            Snackbar.Add($"{file.Name}: {string.Join(" ", ex.Errors.SelectMany(e => e.Value))}", Severity.Error);
        }
        catch (Exception ex) when (ex is DomainException or ConcurrencyConflictException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A filled Excel form read back into the report as a save; what it holds replaces the page's form.</summary>
    private async Task ImportWorkbookAsync(IBrowserFile? file)
    {
        if (file is null) return;
        if (file.Size > ReportWorkbookService.MaxFileBytes)
        {
            Snackbar.Add($"{file.Name}: tệp Excel lớn hơn 5 MB.", Severity.Error);
            return;
        }
        _busy = true;
        try
        {
            await using var upload = file.OpenReadStream(ReportWorkbookService.MaxFileBytes);
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer);
            buffer.Position = 0;
            await Workbooks.ImportAsync(Id, buffer);
            await Drafts.DiscardDraftAsync(Id);
            await LoadAsync();
            _restoredAt = null;
            _conflict = false;
            Snackbar.Add($"Đã nhập {file.Name} vào báo cáo.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            Snackbar.Add($"{file.Name}: {string.Join(" ", ex.Errors.SelectMany(e => e.Value))}", Severity.Error);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add("Báo cáo đã thay đổi sau khi tải mẫu Excel này; hãy tải mẫu mới, điền lại rồi nhập.", Severity.Warning);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RemoveAttachmentAsync(Guid attachmentId)
    {
        await Attachments.RemoveAttachmentAsync(Id, attachmentId);
        await RefreshKeepingFormAsync();
    }

    // Files change the report's version; what the user typed meanwhile stays on the page.
    private async Task RefreshKeepingFormAsync()
    {
        var mine = _form;
        Show(await Reports.GetAsync(Id));
        _form = mine;
    }
}
