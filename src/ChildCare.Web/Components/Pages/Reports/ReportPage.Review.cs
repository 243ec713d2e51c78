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

/// <summary>The report page's actions of the level above and of the unit's leader: return, accept, sign (upload or seal).</summary>
public sealed partial class ReportPage
{
    private async Task ReturnAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReturnDialog>("Trả lại báo cáo", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string comment }) return;
        await ReviewAsync(() => Review.ReturnAsync(Id, comment), "Đã trả lại báo cáo.");
    }

    private Task AcceptAsync() => ReviewAsync(() => Review.AcceptAsync(Id), "Đã chấp nhận báo cáo.");

    /// <summary>The leader's signed PDF: verified by the portal; signing submits the report.</summary>
    private async Task UploadSignedAsync(IBrowserFile? file)
    {
        if (file is null) return;
        if (file.Size > ChildCare.Core.Features.Signing.ReportSigningService.MaxFileBytes)
        {
            Snackbar.Add($"{file.Name}: tệp PDF lớn hơn 20 MB.", Severity.Error);
            return;
        }
        await using var upload = file.OpenReadStream(ChildCare.Core.Features.Signing.ReportSigningService.MaxFileBytes);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        try
        {
            await ReviewAsync(() => Signing.UploadAsync(Id, buffer.ToArray()), "Đã ký số và gửi báo cáo lên cấp trên.");
        }
        catch (ValidationFailedException ex)
        {
            Snackbar.Add(string.Join(" ", ex.Errors.SelectMany(e => e.Value)), Severity.Error);
        }
    }

    /// <summary>The leader has the portal sign with the unit's seal key (where one is configured); signing submits the report.</summary>
    private Task SealAsync() => ReviewAsync(() => Signing.SealAsync(Id), "Đã ký số bằng khóa của đơn vị và gửi báo cáo lên cấp trên.");

    private async Task ReviewAsync(Func<Task<ReportDetails>> action, string done)
    {
        _busy = true;
        try
        {
            Show(await action());
            _signature = await Signing.GetAsync(Id);
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (ex is DomainException or ForbiddenException or ConcurrencyConflictException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
