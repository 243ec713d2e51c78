using ChildCare.Core.Domain;

namespace ChildCare.Core.Security;

/// <summary>
/// The named authorization policies: one table of who may do what, shared by page attributes
/// (<c>[Authorize(Policy = …)]</c>), the navigation menu (<c>AuthorizeView Policy</c>), endpoints and services
/// (<see cref="UserScope.Satisfies"/>). A policy says which roles may reach a capability; the scope rules
/// (which unit, which document) narrow it inside the services (see <see cref="UserScope"/> and ReportAccess).
/// </summary>
public static class Policies
{
    /// <summary>Write one's own unit's reports.</summary>
    public const string FileReports = nameof(FileReports);

    /// <summary>Review the reports of the units below (reviewers; the centre's analysts for the provinces).</summary>
    public const string ReviewReports = nameof(ReviewReports);

    /// <summary>Compile summary reports (sơ kết, tổng kết): the exports page and the export API.</summary>
    public const string ExportSummaries = nameof(ExportSummaries);

    /// <summary>Register and edit documents: any for the national roles, their committee's own (a plan) for a province's reviewer.</summary>
    public const string ManageDocuments = nameof(ManageDocuments);

    /// <summary>Read the API reference.</summary>
    public const string ReadApiReference = nameof(ReadApiReference);

    /// <summary>Accounts, periods, the org tree and its reorganisations.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>Accounts: every unit's for the administrators, a subtree's (Reporter and Reviewer only) for its unit administrators.</summary>
    public const string ManageAccounts = nameof(ManageAccounts);

    /// <summary>Send a report back with a comment: the level above (a submitted report) and the unit's leader (one awaiting signature).</summary>
    public const string ReturnReports = nameof(ReturnReports);

    /// <summary>Sign (or return) the unit's reports: its leaders.</summary>
    public const string SignReports = nameof(SignReports);

    /// <summary>Onboarding at a glance (who has an account, who signed in): the people who bring units in, and the centre.</summary>
    public const string ViewOnboarding = nameof(ViewOnboarding);

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [FileReports] = [Roles.Reporter, Roles.Reviewer],
        [ReviewReports] = [Roles.Reviewer, Roles.Analyst],
        [ExportSummaries] = [Roles.Reviewer, Roles.Analyst, Roles.Administrator],
        [ManageDocuments] = [Roles.Reviewer, Roles.Analyst, Roles.Administrator],
        [ReadApiReference] = [Roles.Analyst, Roles.Administrator],
        [Administer] = [Roles.Administrator],
        [ManageAccounts] = [Roles.Administrator, Roles.UnitAdministrator],
        [SignReports] = [Roles.UnitLeader],
        [ReturnReports] = [Roles.Reviewer, Roles.Analyst, Roles.UnitLeader],
        [ViewOnboarding] = [Roles.Administrator, Roles.UnitAdministrator, Roles.Reviewer, Roles.Analyst],
    };
}
