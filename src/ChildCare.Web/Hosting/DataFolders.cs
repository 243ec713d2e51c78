namespace ChildCare.Web.Hosting;

/// <summary>Where the portal keeps local state in development: .data/ at the repository root (git-ignored).</summary>
internal static class DataFolders
{
    public static string Root(IHostEnvironment environment)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln")))
                return Path.Combine(dir.FullName, ".data");
        return Path.Combine(environment.ContentRootPath, ".data");
    }

    /// <summary>Serilog resolves relative paths against the working folder, so the file path is made absolute here.</summary>
    public static string LogFile(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Logging:File:Path"];
        if (string.IsNullOrWhiteSpace(configured)) return Path.Combine(Root(environment), "logs", "childcare-.log");
        return Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
    }
}
