namespace ChildCare.Core.Data;

/// <summary>
/// The PostgreSQL advisory lock keys the portal takes, in one list so two features never share one by accident.
/// Every instance on the database takes the same keys: they serialise work across processes, not threads.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Migrations and seeding at start-up: the first instance does them, the others wait (session lock).</summary>
    public const long Startup = 7_281_000;

    /// <summary>Demoting or disabling an administrator: never fewer than one (transaction lock).</summary>
    public const long LastAdministrator = 7_281_001;

    /// <summary>Starting an export job, per user (with the user's hash as the second key): the running-jobs cap holds.</summary>
    public const int ExportStart = 7_281_002;

    /// <summary>Period maintenance (generate quarters ahead, close past deadlines): one instance at a time (try-lock).</summary>
    public const long PeriodMaintenance = 7_281_003;

    /// <summary>The e-mail job (reminders due, events, sending the outbox): one instance at a time (try-lock).</summary>
    public const long EmailJob = 7_281_004;
}
