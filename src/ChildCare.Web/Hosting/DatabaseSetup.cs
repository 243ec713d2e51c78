namespace ChildCare.Web.Hosting;

/// <summary>
/// Picks the database: the configured connection string, or in Development the embedded private
/// cluster. Outside Development a connection string is required.
/// </summary>
internal static class DatabaseSetup
{
    public const string ConnectionName = "ChildCare";

    public static (string ConnectionString, EmbeddedPostgres? Embedded) Resolve(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);
        if (!builder.Environment.IsDevelopment())
            throw new EmbeddedPostgresUnavailableException(
                $"No connection string: set ConnectionStrings__{ConnectionName} (environment) or ConnectionStrings:{ConnectionName} " +
                $"(appsettings). The embedded PostgreSQL runs only in Development (environment is {builder.Environment.EnvironmentName}).");
        if (OperatingSystem.IsWindows())
            throw new EmbeddedPostgresUnavailableException($"Set ConnectionStrings__{ConnectionName}: the embedded PostgreSQL runs on Linux and macOS only.");
        var options = builder.Configuration.GetSection("EmbeddedPostgres").Get<EmbeddedPostgresOptions>() ?? new EmbeddedPostgresOptions();
        var embedded = EmbeddedPostgres.Start(options, Path.Combine(DataFolders.Root(builder.Environment), "postgres"), Console.WriteLine);
        return (embedded.ConnectionString, embedded);
    }
}
