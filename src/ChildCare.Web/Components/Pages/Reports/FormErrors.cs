namespace ChildCare.Web.Components.Pages.Reports;

/// <summary>The report form's field errors, keyed as the API's validation names them ("taskAreas[0].results").</summary>
public static class FormErrors
{
    public static bool Has(IDictionary<string, string[]> errors, string field) => errors.ContainsKey(field);

    public static string Message(IDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var m) ? string.Join(" ", m) : "";
}
