using System.Security.Claims;
using ChildCare.Core.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Security;

/// <summary>
/// Re-checks an open circuit's user every minute, and at once when every session of that account was ended on any
/// instance (a <see cref="LiveEventKind.SessionsRevoked"/> event naming it): a disabled account, a reset password or a
/// changed role ends the circuit's sign-in, and the router shows the sign-in page (never an error).
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly Task<AuthenticationState> SignedOut = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly LiveEvents _live;
    private readonly ILogger _logger;

    public RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options,
        LiveEvents live) : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _live = live;
        _logger = loggerFactory.CreateLogger<RevalidatingAuthenticationStateProvider>();
        live.Received += OnLiveEvent;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    private void OnLiveEvent(LiveEvent e)
    {
        if (e is not { Kind: LiveEventKind.SessionsRevoked, UserId: { } userId }) return;
        _ = EndIfRevokedAsync(userId);
    }

    private async Task EndIfRevokedAsync(Guid userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (!Guid.TryParse(state.User.FindFirstValue(_options.Value.ClaimsIdentity.UserIdClaimType), out var mine) || mine != userId) return;
            if (!await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                _logger.LogInformation("Circuit of {UserId} signed out: the account's sessions were ended", userId);
                SetAuthenticationState(SignedOut);
            }
        }
        catch (Exception ex)
        {
            // Revalidation also runs every minute; a failure here only delays the end.
            _logger.LogWarning(ex, "Could not revalidate the circuit of {UserId} after its sessions were ended", userId);
        }
    }

    // The same check as the cookie's on each request (AccountStamps): not disabled, the same security stamp.
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountStamps>().IsCurrentAsync(authenticationState.User, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _live.Received -= OnLiveEvent;
        base.Dispose(disposing);
    }
}
