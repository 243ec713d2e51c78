namespace ChildCare.Core.Features.Exports;

/// <summary>
/// Text that a spreadsheet would take for a formula (OWASP, "CSV injection"): a cell beginning with =, +, -, @, a tab
/// or a carriage return. Names and labels come from administrators and analysts, and the file goes to people who open
/// it in Excel or LibreOffice: such text is written so the program shows it as text — in CSV with a leading
/// apostrophe (which spreadsheets hide and treat as "this is text"), in XLSX with the cell marked quote-prefixed.
/// Numbers are written as numbers and never pass through here, so a negative value stays a number.
/// </summary>
public static class SpreadsheetText
{
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text for a CSV cell: apostrophe-prefixed when it could be read as a formula.</summary>
    public static string ForCsv(string text) => LooksLikeFormula(text) ? "'" + text : text;
}
