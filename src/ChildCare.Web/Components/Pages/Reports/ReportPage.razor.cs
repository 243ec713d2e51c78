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

/// <summary>
/// The report page's state and actions: load, autosave to the draft buffer, save, submit, consolidate, review,
/// evidence files. What the user may do comes from the report's permissions (ReportAccess), never decided here.
/// </summary>
public sealed partial class ReportPage : IAsyncDisposable
{
    [Inject] private ProgressReportService Reports { get; set; } = null!;

    [Inject] private ReportReviewService Review { get; set; } = null!;

    [Inject] private ReportAttachmentService Attachments { get; set; } = null!;

    [Inject] private ReportDraftService Drafts { get; set; } = null!;
    [Inject] private ReportWorkbookService Workbooks { get; set; } = null!;

    [Inject] private ChildCare.Core.Features.Signing.ReportSigningService Signing { get; set; } = null!;

    private ChildCare.Core.Features.Signing.SignatureView? _signature;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private ILogger<ReportPage> Logger { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Parameter] public Guid Id { get; set; }

    private ReportDetails? _report;
    private PreviousReport? _previous;
    private ReportForm? _form;
    private string? _error;
    private bool _busy;
    private bool _conflict;
    private bool _canEdit;
    private IDictionary<string, string[]> _fieldErrors = new Dictionary<string, string[]>();
    private DateTimeOffset? _restoredAt;

    // Autosave to the draft buffer: a change starts a short countdown; saving the report clears it.
    private bool _dirty;
    private DateTimeOffset _lastChange;
    private DateTimeOffset? _draftSavedAt;
    private readonly CancellationTokenSource _disposed = new();
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromSeconds(1.5);

    private string AutosaveText => _dirty ? "Đang nhập…" : _draftSavedAt is { } at ? $"Bản nháp tự lưu lúc {Local(at)}" : "";

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync();
            var draft = await Drafts.GetDraftAsync(Id);
            if (draft is not null && _canEdit && ReportForm.FromJson(draft.Content) is { } saved)
            {
                _form = saved;
                _restoredAt = draft.SavedAt;
                _conflict = draft.BaseVersion != _report!.Version;
            }
            _ = AutosaveLoopAsync();
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    private async Task LoadAsync()
    {
        Show(await Reports.GetAsync(Id));
        _previous = _report!.PreviousReportId is null ? null : await Reports.PreviousAsync(Id);
        _canEdit = _report.Permissions.CanEdit;
        _signature = await Signing.GetAsync(Id);
    }

    /// <summary>
    /// A report read from the server becomes the form; the page keeps its header, history and files, not its texts and
    /// figures a second time (the form has them): an open form's circuit holds what it edits.
    /// </summary>
    private void Show(ReportDetails report)
    {
        _form = ReportForm.From(report);
        _report = report with { TaskAreas = [], IndicatorValues = [] };
    }

    private void Changed()
    {
        var first = !_dirty;
        _dirty = true;
        _lastChange = Time.GetUtcNow();
        if (first) StateHasChanged(); // "Đang nhập…" once per burst of typing, not a page render per keystroke
    }

    private async Task AutosaveLoopAsync()
    {
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(500, _disposed.Token);
                if (!_dirty || Time.GetUtcNow() - _lastChange < AutosaveDelay || _form is null || _report is null) continue;
                await InvokeAsync(async () =>
                {
                    _dirty = false;
                    try
                    {
                        await Drafts.SaveDraftAsync(Id, _report.Version, _form.ToJson(), _disposed.Token);
                        _draftSavedAt = Time.GetUtcNow();
                    }
                    catch (Exception ex) when (UserErrors.IsTransient(ex))
                    {
                        // The database is away for a moment: keep the text on the page and try again on the next tick.
                        _dirty = true;
                        Logger.LogWarning("Autosave of report {ReportId} will retry: {Reason}", Id, ex.Message);
                    }
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Autosave of report {ReportId} stopped", Id);
        }
    }

    /// <summary>Save and send refuse while a number box holds what cannot be read; the message says how many, and what to do.</summary>
    private bool RefusesUnreadable(string thenWhat)
    {
        if (_form is not { Unreadable.Count: > 0 } form) return false;
        Snackbar.Add($"Có {form.Unreadable.Count} ô số chưa đọc được: sửa các ô báo đỏ rồi {thenWhat}.", Severity.Error);
        return true;
    }

    private async Task<bool> SaveAsync()
    {
        if (_form is null || _report is null) return false;
        if (RefusesUnreadable("lưu lại")) return false;
        _busy = true;
        try
        {
            Show(await Reports.SaveAsync(Id, _form.ToRequest(_report.Version)));
            _fieldErrors = new Dictionary<string, string[]>();
            _dirty = false;
            _restoredAt = null;
            _conflict = false;
            Snackbar.Add("Đã lưu báo cáo.", Severity.Success);
            return true;
        }
        catch (ValidationFailedException ex)
        {
            _fieldErrors = ex.Errors;
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = true;
            await Drafts.SaveDraftAsync(Id, _report.Version, _form.ToJson());
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (UserErrors.IsTransient(ex))
        {
            Snackbar.Add(UserErrors.DatabaseAway, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
        return false;
    }

    private async Task SubmitAsync()
    {
        var toLeader = _signature?.LeaderRequired == true;
        var ok = toLeader
            ? await Dialogs.ShowMessageBoxAsync("Trình ký",
                $"Trình lãnh đạo đơn vị ký số báo cáo {_report!.PeriodName}? Khi lãnh đạo ký, báo cáo được gửi lên cấp trên; trong lúc chờ ký, báo cáo chỉ đọc.",
                yesText: "Trình ký", cancelText: "Chưa gửi")
            : await Dialogs.ShowMessageBoxAsync("Gửi báo cáo",
                $"Gửi báo cáo {_report!.PeriodName} lên cấp trên? Sau khi gửi, báo cáo chỉ đọc cho đến khi cấp trên trả lại.",
                yesText: "Gửi báo cáo", cancelText: "Chưa gửi");
        if (ok != true || _form is null) return;
        if (RefusesUnreadable("gửi lại")) return;
        _busy = true;
        try
        {
            // One command: what the form holds is saved and the report sent, in one transaction.
            Show(await Reports.SaveAndSubmitAsync(Id, _form.ToRequest(_report.Version)));
            _fieldErrors = new Dictionary<string, string[]>();
            _dirty = false;
            _restoredAt = null;
            _conflict = false;
            _canEdit = _report!.Permissions.CanEdit;
            _signature = await Signing.GetAsync(Id);
            Snackbar.Add(_report.Status == ReportStatus.AwaitingSignature ? "Đã trình lãnh đạo ký." : _report.OnTime == false ? "Đã gửi báo cáo (sau hạn)." : "Đã gửi báo cáo.",
                Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            _fieldErrors = ex.Errors;
        }
        catch (ConcurrencyConflictException)
        {
            // Someone changed the report meanwhile: nothing was sent; the text is kept as a draft and the choice shown.
            _conflict = true;
            await Drafts.SaveDraftAsync(Id, _report!.Version, _form.ToJson());
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (UserErrors.IsTransient(ex))
        {
            Snackbar.Add(UserErrors.DatabaseAway, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ConsolidateAsync()
    {
        var ok = await Dialogs.ShowMessageBoxAsync("Tổng hợp báo cáo",
            "Điền báo cáo này từ các báo cáo đã được chấp nhận của đơn vị cấp dưới (chỉ tiêu cộng dồn, tỷ lệ tính lại từ tử số và mẫu số; kết quả, khó khăn, đề xuất gom theo từng đơn vị)? Nội dung đang có trên biểu mẫu sẽ được thay thế.",
            yesText: "Tổng hợp", cancelText: "Hủy");
        if (ok != true) return;
        await ReviewAsync(() => Reports.ConsolidateAsync(Id), "Đã tổng hợp từ báo cáo cấp dưới; hãy rà soát, chỉnh sửa rồi gửi.");
        _canEdit = _report!.Permissions.CanEdit;
    }

    private async Task ReloadAsync(bool keepMine)
    {
        var mine = _form;
        await LoadAsync();
        if (keepMine && mine is not null) _form = mine; // the user's text stays; the next save applies it to the newest version
        else await Drafts.DiscardDraftAsync(Id);
        _conflict = false;
        _restoredAt = null;
    }

    private async Task DiscardDraftAsync()
    {
        await Drafts.DiscardDraftAsync(Id);
        await LoadAsync();
        _restoredAt = null;
        _conflict = false;
    }

    private static string Local(DateTimeOffset at) => VietnamTime.Format(at);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
