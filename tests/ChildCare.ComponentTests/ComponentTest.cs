using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ChildCare.ComponentTests;

/// <summary>
/// A bUnit context with what the portal's components need — MudBlazor's services and the portal's resources, configured
/// as the portal configures them — in the language the test asks for (Vietnamese unless told otherwise; the culture is
/// the thread's, as a request's is). Disposed asynchronously: MudBlazor's services only dispose that way.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

    protected ComponentTest()
    {
        Context.Services.AddMudServices();
        Context.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        InLanguage("vi-VN");
    }

    protected BunitContext Context { get; } = new();

    protected IServiceProvider Services => Context.Services;

    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent => Context.Render(parameters);

    protected static void InLanguage(string culture) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await Context.DisposeAsync();
    }
}
