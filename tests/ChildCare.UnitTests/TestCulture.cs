using System.Globalization;
using System.Runtime.CompilerServices;

namespace ChildCare.UnitTests;

/// <summary>
/// The portal speaks Vietnamese unless a person asks for English (Program sets vi-VN); so do these tests, whatever the
/// machine's locale — under LANG=en_US the domain's words (Labels) would otherwise come out in English.
/// </summary>
internal static class TestCulture
{
#pragma warning disable CA2255 // a test assembly, not a library: its language is set once, before any test
    [ModuleInitializer]
    internal static void Vietnamese() => CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
#pragma warning restore CA2255
}
