using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Files;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Core.Features.Reports;

/// <summary>A report's evidence files: checked by content, kept in PostgreSQL, added and removed while the report is editable.</summary>
public sealed class ReportAttachmentService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    public async Task<AttachmentEntry> AddAttachmentAsync(Guid id, string fileName, Stream content, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadAsync(db, id, tracking: true, ct);
        ReportAccess.RequireWrite(scope, report);
        report.EnsureEditable();

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > EvidenceFiles.MaxBytes)
                throw ValidationFailedException.For("file", "Tệp lớn hơn 20 MB, không tải lên được.");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw ValidationFailedException.For("file", "Tệp rỗng.");
        var kind = EvidenceFiles.Detect(bytes)
            ?? throw ValidationFailedException.For("file", "Tệp bị hỏng hoặc không thuộc loại được nhận: PDF, DOCX, XLSX, JPG, PNG (kiểm tra theo nội dung tệp, không theo tên).");
        var attachment = new ReportAttachment(report.Id, EvidenceFiles.SafeName(fileName, kind), kind.ContentType, bytes.Length,
            EvidenceFiles.Sha256(bytes), scope.Actor, time.GetUtcNow());
        db.ReportAttachments.Add(attachment);
        db.ReportAttachmentContents.Add(new ReportAttachmentContent(attachment.Id, bytes));
        report.Touch(time.GetUtcNow());
        await ReportStore.SaveAsync(db, report, report.Version, ct);
        return ReportStore.ToEntry(attachment);
    }

    public async Task RemoveAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadAsync(db, id, tracking: true, ct);
        ReportAccess.RequireWrite(scope, report);
        report.EnsureEditable();
        var attachment = await db.ReportAttachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, ct)
            ?? throw new NotFoundException("Không tìm thấy tệp.");
        db.ReportAttachments.Remove(attachment);
        report.Touch(time.GetUtcNow());
        await ReportStore.SaveAsync(db, report, report.Version, ct);
    }

    public async Task<AttachmentFile> DownloadAsync(Guid id, Guid attachmentId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.ProgressReports.Where(r => r.Id == id).Select(r => r.OrgUnit).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Không tìm thấy báo cáo.");
        if (!ReportAccess.CanView(scope, unit)) throw new ForbiddenException(ReportStore.NotYours);
        var file = await db.ReportAttachments.Where(a => a.Id == attachmentId && a.ReportId == id)
            .Join(db.ReportAttachmentContents, a => a.Id, c => c.AttachmentId, (a, c) => new AttachmentFile(a.FileName, a.ContentType, c.Data))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Không tìm thấy tệp.");
        return file;
    }
}
