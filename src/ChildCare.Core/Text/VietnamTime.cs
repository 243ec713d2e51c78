using System.Globalization;
using ChildCare.Core.Domain;

namespace ChildCare.Core.Text;

/// <summary>Instants shown as Vietnam wall-clock time (UTC+7), one format for every screen.</summary>
public static class VietnamTime
{
    public static string Format(DateTimeOffset? at, string missing = "—") =>
        at is { } t ? t.ToOffset(Deadlines.VietnamOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) : missing;
}
