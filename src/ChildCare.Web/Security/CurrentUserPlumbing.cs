using ChildCare.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChildCare.Web.Security;

/// <summary>Fills <see cref="CurrentUserHolder"/> for a Blazor circuit, whose scope outlives any HTTP request.</summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CurrentUserHolder holder) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            holder.Principal ??= (await authentication.GetAuthenticationStateAsync()).User;
            await next(context);
        };

    private async void OnChanged(Task<AuthenticationState> task)
    {
        try
        {
            holder.Principal = (await task).User;
        }
        catch (Exception)
        {
            holder.Principal = null; // a failed refresh must not leave the previous user in place
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}

internal static class CurrentUserMiddleware
{
    /// <summary>Per HTTP request (API calls, static pages, the first render of a circuit).</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUserHolder>().Principal = context.User;
            return next(context);
        });
}
