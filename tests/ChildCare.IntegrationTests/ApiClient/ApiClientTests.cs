using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.ApiClient;

/// <summary>
/// The OpenAPI document as a client generator reads it: Kiota (the repository's dotnet tool) generates a C# client
/// from the running portal's /openapi/v1.json, a small program (Walk.cs) is compiled against it and walks a report
/// from draft to accepted over real HTTP. A document that drifts from the API fails here: the generated types stop
/// compiling, or a call stops deserialising.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ApiClientTests(ITestOutputHelper output)
{
    private const string KiotaPackages = "2.1.6";

    [Fact]
    public async Task A_client_generated_by_Kiota_walks_a_report_from_draft_to_accepted()
    {
        var work = Directory.CreateTempSubdirectory("childcare-kiota-");
        var connection = await TestPostgres.CreateDatabaseAsync("childcare_kiota");
        try
        {
            await using var portal = await PortalProcess.StartAsync(connection);
            using var client = portal.Client();
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@childcare.local", password = "ChildCare@2024" });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var document = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllBytesAsync(document, await client.GetByteArrayAsync("/openapi/v1.json"));

            var generated = Path.Combine(work.FullName, "Client");
            var kiota = await RunAsync(PortalProcess.SolutionRoot(), "dotnet", "kiota", "generate", "--language", "CSharp", "--openapi", document,
                "--output", generated, "--namespace-name", "ChildCare.Client", "--class-name", "ChildCareClient", "--exclude-backward-compatible",
                "--clean-output", "--log-level", "Warning");
            kiota.ExitCode.ShouldBe(0, kiota.Output);
            Directory.EnumerateFiles(generated, "*.cs", SearchOption.AllDirectories).Count().ShouldBeGreaterThan(50);

            // A client's own project, as a newcomer would make it: MSBuild must not pick up a Directory.*.props above it.
            foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                await File.WriteAllTextAsync(Path.Combine(work.FullName, stop), "<Project />");
            var walkSource = Path.Combine(AppContext.BaseDirectory, "ApiClient", "Walk.cs");
            File.Copy(walkSource, Path.Combine(work.FullName, "Walk.cs"));
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "Walk.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <NoWarn>CS1591;CS8618</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.Kiota.Abstractions" Version="{KiotaPackages}" />
                    <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="{KiotaPackages}" />
                    <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="{KiotaPackages}" />
                    <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="{KiotaPackages}" />
                    <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="{KiotaPackages}" />
                    <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="{KiotaPackages}" />
                  </ItemGroup>
                </Project>
                """);
            var walk = await RunAsync(work.FullName, "dotnet", "run", "--project", "Walk.csproj", "--", portal.Address.ToString());
            output.WriteLine(walk.Output);
            walk.ExitCode.ShouldBe(0, walk.Output);
            walk.Output.ShouldContain("stale save: 409");
            walk.Output.ShouldContain("walked: Draft → Submitted → Accepted");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
