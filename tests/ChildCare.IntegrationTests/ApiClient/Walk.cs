// Compiled by ApiClientTests against the client that Kiota generates from /openapi/v1.json (not part of the test
// project's own build): a report walked from draft to accepted through the typed client only.
// Arguments: the portal's base address.
using ChildCare.Client;
using ChildCare.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = args[0].TrimEnd('/');
const string Password = "ChildCare@2024";

var anonymous = new ChildCareClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = baseUrl });

async Task<ChildCareClient> SignInAsync(string email)
{
    var token = await anonymous.Api.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = Password })
        ?? throw new InvalidOperationException("no token");
    var auth = new BaseBearerTokenAuthenticationProvider(new StaticToken(token.AccessToken!));
    return new ChildCareClient(new HttpClientRequestAdapter(auth) { BaseUrl = baseUrl });
}

static void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException("check failed: " + what);
}

// A wrong password is a typed problem (401), not a crash.
try
{
    await anonymous.Api.Auth.Login.PostAsync(new LoginRequest { Email = "phuonghaibatrung@childcare.local", Password = "sai-mat-khau" });
    Check(false, "a wrong password was accepted");
}
catch (ProblemDetails problem)
{
    Check(problem.ResponseStatusCode == 401, $"wrong password answered {problem.ResponseStatusCode}");
    Console.WriteLine($"wrong password: {problem.ResponseStatusCode} {problem.Title}");
}

var reporter = await SignInAsync("phuonghaibatrung@childcare.local");
var me = await reporter.Api.Me.GetAsync() ?? throw new InvalidOperationException("no /api/me");
var directive = (await reporter.Api.Directives.GetAsync())!.Single(d => d.Code == "28-CT/TW");
var details = (await reporter.Api.Directives[directive.Id!.Value].GetAsync())!;
var periods = (await reporter.Api.Periods.GetAsync(c => c.QueryParameters.DirectiveId = directive.Id))!;
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
static DateOnly Day(Microsoft.Kiota.Abstractions.Date? date) => new(date!.Value.Year, date.Value.Month, date.Value.Day);
var quarter = periods.Single(p => p.Kind == PeriodKind.Quarter && Day(p.StartsOn) <= today && today <= Day(p.EndsOn));

var report = (await reporter.Api.Reports.PostAsync(new ReportKey { DirectiveId = directive.Id, PeriodId = quarter.Id, OrgUnitId = me.OrgUnitId }))!;
Check(report.Status == ReportStatus.Draft, $"a new report is {report.Status}");
Console.WriteLine($"opened {report.OrgUnitName}, {report.PeriodName}: {report.Status}, version {report.Version}");

var rate = details.Indicators!.First(i => i.Aggregation == IndicatorAggregation.Rate && i.Unit == IndicatorUnit.Percent);
var count = details.Indicators!.First(i => i.Aggregation == IndicatorAggregation.Sum);
SaveReportRequest Save(long? version) => new()
{
    Version = version,
    TaskAreas = details.TaskAreas!.Select(a => new TaskAreaInput
    {
        TaskAreaId = a.Id,
        Status = TaskProgressStatus.OnTrack,
        PercentComplete = 50,
        Results = "Đã triển khai tại các khu dân cư.",
        Difficulties = "Không.",
        Proposals = "Không.",
    }).ToList(),
    IndicatorValues =
    [
        new IndicatorValueInput { IndicatorId = rate.Id, Numerator = 172, Denominator = 180 },
        new IndicatorValueInput { IndicatorId = count.Id, Value = 12, Comment = "Số liệu quý" },
    ],
};
var saved = (await reporter.Api.Reports[report.Id!.Value].PutAsync(Save(report.Version)))!;
Check(saved.Version != report.Version, "saving did not change the version");

// Saving again on the version read before is a typed conflict (409), and nothing is overwritten.
try
{
    await reporter.Api.Reports[report.Id!.Value].PutAsync(Save(report.Version));
    Check(false, "a stale version was saved");
}
catch (ProblemDetails problem)
{
    Check(problem.ResponseStatusCode == 409, $"a stale save answered {problem.ResponseStatusCode}");
    Console.WriteLine($"stale save: {problem.ResponseStatusCode} {problem.Title}");
}

var submitted = (await reporter.Api.Reports[report.Id!.Value].Submit.PostAsync())!;
Check(submitted.Status == ReportStatus.Submitted, $"after submit the report is {submitted.Status}");

var reviewer = await SignInAsync("hanoi@childcare.local");
var queue = (await reviewer.Api.Reports.GetAsync(c =>
{
    c.QueryParameters.PeriodId = quarter.Id;
    c.QueryParameters.Status = ReportStatus.Submitted;
}))!;
Check(queue.Any(r => r.Id == report.Id), "the reviewer does not see the submitted report");
var accepted = (await reviewer.Api.Reports[report.Id!.Value].Accept.PostAsync(new ReviewRequest { Comment = "Đạt yêu cầu." }))!;
Check(accepted.Status == ReportStatus.Accepted, $"after accept the report is {accepted.Status}");

var audit = (await reviewer.Api.Reports[report.Id!.Value].Audit.GetAsync())!;
Console.WriteLine($"walked: Draft → Submitted → Accepted through the generated client ({audit.Count} audit lines)");

sealed class StaticToken(string token) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new();

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default) => Task.FromResult(token);
}
