using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildCare.Bench;

/// <summary>The portal in process over a bench database: migrated, reference and demo data (no demo reports), no rate limit, no two-factor.</summary>
internal sealed class BenchPortal(string cs) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChildCare.sln"))) root = root.Parent;
        if (root is not null) builder.UseContentRoot(Path.Combine(root.FullName, "src", "ChildCare.Web"));
        builder.UseSetting("ConnectionStrings:ChildCare", cs);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Reports", "false");
        builder.UseSetting("Security:SignIn:PermitPerMinute", "1000000"); // the rate limit would otherwise answer first
        builder.UseSetting("Security:TwoFactor:RequiredRoles", "");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Logging:File:Path", Path.Combine(Path.GetTempPath(), $"childcare-bench-logs-{Environment.UserName}-{Environment.ProcessId}", "bench-.log"));
    }
}
