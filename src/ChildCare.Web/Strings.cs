namespace ChildCare.Web;

/// <summary>
/// The portal's texts: <c>Resources/Strings.resx</c> (Vietnamese, the default) and <c>Resources/Strings.en.resx</c>
/// (English), read through <c>IStringLocalizer&lt;Strings&gt;</c>. A unit test fails when a key is in one and not the other.
/// </summary>
public sealed class Strings;
