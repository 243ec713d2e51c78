using Microsoft.AspNetCore.Components;

namespace ChildCare.Web.Components.Shared;

/// <summary>
/// A Material icon (MudBlazor's <c>Icons.Material.*</c> path data) as inline SVG markup: no component, so buttons in
/// long tables and in the report form's circuit cost a markup frame each, not a component.
/// </summary>
public static class Icon
{
    /// <summary>Text made safe to write into one of these markup strings (display-only cells, icons' neighbours).</summary>
    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");

    public static MarkupString Svg(string icon) =>
        new($"<svg class=\"icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{icon}</svg>");
}
