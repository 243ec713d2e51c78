using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChildCare.Core.Features.Reports;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// The SHA-256 of a report's content — who, which document and period, every task area's and indicator's entries, the
/// evidence files by their hashes — written one field per line in a fixed order, so the same content always hashes the
/// same whatever day its PDF was made (the date line of the document is not part of it).
/// </summary>
public static class ReportFingerprint
{
    public static string Of(ReportDetails r)
    {
        var text = new StringBuilder();
        void Line(params object?[] fields) => text.Append(string.Join('\u001f', fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture) ?? ""))).Append('\n');
        Line("report", r.Id, r.Version, r.DirectiveId, r.OrgUnitId, r.PeriodId);
        foreach (var a in r.TaskAreas.OrderBy(a => a.Number))
            Line("area", a.Number, a.Status, a.PercentComplete, a.Results, a.Difficulties, a.Proposals);
        foreach (var i in r.IndicatorValues.OrderBy(i => i.Code, StringComparer.Ordinal))
            Line("indicator", i.Code, i.Value, i.Numerator, i.Denominator, i.Comment);
        foreach (var f in r.Attachments.OrderBy(f => f.Sha256, StringComparer.Ordinal))
            Line("file", f.FileName, f.Sha256);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}
