using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChildCare.Core.Security;
using ChildCare.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests;

/// <summary>
/// The tests whose portal runs in this process (the shared <see cref="PortalFixture"/>, the mailing portal, and the
/// class fixtures with settings of their own), one at a time: they share this process's static state and two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<Api.MailingPortal>
{
    public const string Name = "portal";
}

/// <summary>
/// The tests whose portals (or PostgreSQL clusters) run in processes of their own: they share no state with this
/// process's portals, so they run beside <see cref="PortalCollection"/> — two tests at a time in all
/// (xunit.runner.json), never two of these together. The drills through nginx share one cluster (two portal
/// processes started once for all of them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection : ICollectionFixture<ChildCare.Tests.Shared.TwoPortalsBehindNginx>
{
    public const string Name = "processes";
}

public sealed class PortalFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public PortalFactory Factory { get; } = new();

    public Task InitializeAsync() => Factory.InitializeAsync("childcare_it");

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> SignedInAsync(string email, string password = "ChildCare@2024")
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a Core service as the given user, as a page would.</summary>
    public async Task<T> AsUserAsync<T, TService>(string email, Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ChildCare.Core.Domain.AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var principalFactory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<ChildCare.Core.Domain.AppUser>>();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = await principalFactory.CreateAsync(user);
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>Every test starts from the seed and demo data alone.</summary>
[Collection(PortalCollection.Name)]
public abstract class PortalTest(PortalFixture portal) : IAsyncLifetime
{
    protected PortalFixture Portal { get; } = portal;

    public Task InitializeAsync() => Portal.Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
