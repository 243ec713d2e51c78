using System.Globalization;
using System.Net.Mail;
using System.Text;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Users;

/// <summary>One person as read from an uploaded list, before any judgement.</summary>
public sealed record UserListRow(int Line, string UnitCode, string FullName, string Email, string Role, string? Phone);

/// <summary>What the rules need to know about a unit named in a list.</summary>
public sealed record ImportUnit(Guid Id, string Code, string Name, DateOnly? ValidTo, IReadOnlyList<Guid> AncestorIds, DateOnly? ValidFrom = null)
{
    public bool OpenOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}

/// <summary>
/// Reads a list of people to onboard — CSV (comma or semicolon, UTF-8) or .xlsx (first sheet), one row per person, the
/// header naming the columns in Vietnamese or English (mã đơn vị / unitCode, họ và tên / fullName, e-mail, vai trò / role,
/// số điện thoại / phone) in any order.
/// </summary>
public static class UserListFile
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;
    private const int MaxColumns = 26;

    private enum Column { UnitCode, FullName, Email, Role, Phone }

    private static readonly Dictionary<string, Column> Headers = new(StringComparer.Ordinal)
    {
        ["unitcode"] = Column.UnitCode,
        ["madonvi"] = Column.UnitCode,
        ["ma"] = Column.UnitCode,
        ["donvi"] = Column.UnitCode,
        ["fullname"] = Column.FullName,
        ["hovaten"] = Column.FullName,
        ["hoten"] = Column.FullName,
        ["name"] = Column.FullName,
        ["email"] = Column.Email,
        ["thudientu"] = Column.Email,
        ["diachiemail"] = Column.Email,
        ["role"] = Column.Role,
        ["vaitro"] = Column.Role,
        ["phone"] = Column.Phone,
        ["sodienthoai"] = Column.Phone,
        ["dienthoai"] = Column.Phone,
        ["sdt"] = Column.Phone,
    };

    public static IReadOnlyList<UserListRow> Read(Stream file, string? fileName)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        if (buffer.Length == 0) throw Invalid("Tệp rỗng.");
        if (buffer.Length > MaxBytes) throw Invalid("Tệp lớn hơn 5 MB.");
        buffer.Position = 0;
        var bytes = buffer.GetBuffer();
        // A zip package ("PK") is a workbook whatever its name; anything else is read as CSV text.
        var records = bytes.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' ? XlsxRecords(buffer) : CsvRecords(buffer);
        return Rows(records);
    }

    private static List<(int Line, List<string> Cells)> CsvRecords(MemoryStream buffer)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid("Tệp CSV phải lưu bằng mã UTF-8 (trong Excel: Lưu thành → CSV UTF-8).");
        }
        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var line = 0;
        return Csv.Read(new StringReader(text), separator).Select(r => (++line, r)).ToList();
    }

    private static List<(int Line, List<string> Cells)> XlsxRecords(MemoryStream buffer)
    {
        var cells = XlsxCells.Read(buffer, MaxBytes);
        var byRow = new SortedDictionary<int, SortedDictionary<int, string>>();
        foreach (var (reference, value) in cells)
        {
            // Only the first columns matter (a list has five); a far-off cell (XFD1) must not widen every row.
            var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
            if (letters is 0 or > 2 || !int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row)) continue;
            var column = 0;
            foreach (var ch in reference[..letters].ToUpperInvariant()) column = column * 26 + (ch - 'A' + 1);
            if (column > MaxColumns || string.IsNullOrWhiteSpace(value)) continue;
            if (!byRow.TryGetValue(row, out var cols))
            {
                if (byRow.Count > MaxRows) throw Invalid($"Danh sách có hơn {MaxRows:N0} dòng; mỗi lần tải lên tối đa {MaxRows:N0} dòng.");
                byRow[row] = cols = [];
            }
            cols[column - 1] = value;
        }
        return byRow.Select(r =>
        {
            var width = r.Value.Keys.Max() + 1;
            var list = Enumerable.Range(0, width).Select(i => r.Value.GetValueOrDefault(i, "")).ToList();
            return (r.Key, list);
        }).ToList();
    }

    private static List<UserListRow> Rows(List<(int Line, List<string> Cells)> records)
    {
        var nonEmpty = records.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (nonEmpty.Count == 0) throw Invalid("Tệp không có dòng nào.");
        var header = nonEmpty[0];
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var key = new string(TextFolding.Fold(header.Cells[i]).Where(char.IsLetterOrDigit).ToArray());
            if (Headers.TryGetValue(key, out var column)) columns.TryAdd(column, i);
        }
        var missing = new[] { (Column.UnitCode, "mã đơn vị (unitCode)"), (Column.FullName, "họ và tên (fullName)"), (Column.Email, "e-mail (email)"), (Column.Role, "vai trò (role)") }
            .Where(c => !columns.ContainsKey(c.Item1)).Select(c => c.Item2).ToList();
        if (missing.Count > 0)
            throw Invalid($"Dòng đầu của tệp phải là tiêu đề cột; thiếu cột {string.Join(", ", missing)}. Hãy dùng tệp mẫu tải từ trang Tài khoản.");
        var rows = nonEmpty.Skip(1).ToList();
        if (rows.Count > MaxRows) throw Invalid($"Danh sách có {rows.Count:N0} dòng; mỗi lần tải lên tối đa {MaxRows:N0} dòng.");
        string Cell((int Line, List<string> Cells) r, Column c) =>
            columns.TryGetValue(c, out var i) && i < r.Cells.Count ? TextInput.Clean(r.Cells[i], singleLine: true).Trim() : "";
        return rows.Select(r => new UserListRow(r.Line, Cell(r, Column.UnitCode), Cell(r, Column.FullName), Cell(r, Column.Email),
            Cell(r, Column.Role), Cell(r, Column.Phone) is { Length: > 0 } phone ? phone : null)).ToList();
    }

    private static ValidationFailedException Invalid(string message) => ValidationFailedException.For("file", message);
}

/// <summary>
/// The rules a row of an account list must meet, each refusal in words an office can act on: the unit exists, is open
/// and is in the caller's subtree; the name is there; the e-mail is well formed, not used by an account, not twice in
/// the list; the role is one the caller may give; the phone, if any, is a phone number.
/// </summary>
public static class UserImportRules
{
    /// <summary>The characters an account name (the e-mail) may hold: Identity's default set, which the portal keeps.</summary>
    public const string AllowedCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    public static bool IsEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 256 && email.All(AllowedCharacters.Contains)
        && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');

    public static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '(' or ')' or '+')
            && phone.LastIndexOf('+') <= 0 && digits is >= 8 and <= 15;
    }

    /// <summary>A role by its name in the API ("Reporter") or on screen ("Cán bộ báo cáo", accents optional).</summary>
    public static string? ParseRole(string? text)
    {
        var folded = TextFolding.Fold(text);
        if (folded.Length == 0) return null;
        return Roles.All.FirstOrDefault(r => string.Equals(r, text!.Trim(), StringComparison.OrdinalIgnoreCase)
            || Labels.InEveryLanguage(Labels.RoleKey(r)).Any(word => TextFolding.Fold(word) == folded));
    }

    public static List<UserImportRow> Judge(IReadOnlyList<UserListRow> rows, IReadOnlyDictionary<string, ImportUnit> unitsByCode,
        Func<ImportUnit, bool> manages, IReadOnlyCollection<string> assignableRoles, IReadOnlySet<string> takenEmails, DateOnly today)
    {
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var judged = new List<UserImportRow>(rows.Count);
        foreach (var row in rows)
        {
            var errors = new List<string>();
            ImportUnit? unit = null;
            if (row.UnitCode.Length == 0) errors.Add("Thiếu mã đơn vị.");
            else if (!unitsByCode.TryGetValue(row.UnitCode, out unit)) errors.Add($"Không có đơn vị mã “{row.UnitCode}”.");
            else if (!manages(unit)) { errors.Add($"Đơn vị {unit.Code} không thuộc phạm vi bạn quản lý."); unit = null; }
            else if (unit.ValidTo is { } lastDay && lastDay < today)
                errors.Add($"Đơn vị {unit.Code} ({unit.Name}) đã ngừng hoạt động từ {lastDay.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
            else if (!unit.OpenOn(today))
                errors.Add($"Đơn vị {unit.Code} ({unit.Name}) chưa hoạt động: có hiệu lực từ {unit.ValidFrom!.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");

            if (row.FullName.Length == 0) errors.Add("Thiếu họ và tên.");
            else if (row.FullName.Length > 200) errors.Add("Họ và tên dài quá 200 ký tự.");

            if (row.Email.Length == 0) errors.Add("Thiếu e-mail.");
            else if (!IsEmail(row.Email)) errors.Add($"E-mail “{row.Email}” không hợp lệ.");
            else if (takenEmails.Contains(row.Email.ToUpperInvariant())) errors.Add($"Đã có tài khoản với e-mail {row.Email}.");
            else if (firstLineOf.TryGetValue(row.Email, out var first)) errors.Add($"E-mail {row.Email} trùng với dòng {first}.");
            else firstLineOf[row.Email] = row.Line;

            var role = ParseRole(row.Role);
            if (row.Role.Length == 0) errors.Add($"Thiếu vai trò ({string.Join(" hoặc ", assignableRoles.Select(r => Labels.Vi(() => Labels.Role(r))))}).");
            else if (role is null) errors.Add($"Không có vai trò “{row.Role}”; dùng {string.Join(" hoặc ", assignableRoles.Select(r => Labels.Vi(() => Labels.Role(r))))}.");
            else if (!assignableRoles.Contains(role)) errors.Add($"Bạn không cấp được vai trò {Labels.Vi(() => Labels.Role(role))}; vai trò này do quản trị viên trung ương cấp.");

            if (row.Phone is { } phone && !IsPhone(phone)) errors.Add($"Số điện thoại “{phone}” không hợp lệ (8–15 chữ số).");

            judged.Add(new UserImportRow(row.Line, unit?.Code ?? row.UnitCode, row.FullName, row.Email, role ?? row.Role, row.Phone,
                errors.Count == 0 ? unit!.Id : null, errors));
        }
        return judged;
    }
}
