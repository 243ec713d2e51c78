using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Seed;
using ChildCare.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>The org tree through time: the seeded 2025 reform, and reorganisations drafted, applied and undone through the API.</summary>
public sealed class ReorganisationApiTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly DateOnly Today = TestClock.TodayInVietnam;

    /// <summary>The first day of the quarter after next: no report has reached it.</summary>
    private static DateOnly NextButOneQuarter() => new DateOnly(Today.Year, (Today.Month - 1) / 3 * 3 + 1, 1).AddMonths(6);

    private static async Task<List<JsonElement>> UnitsAsync(HttpClient c, string asOf) =>
        (await c.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?take=5000&asOf={asOf}"))!;

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static string Code(JsonElement e) => e.GetProperty("code").GetString()!;

    private sealed record Context(string Directive, List<JsonElement> Periods, Dictionary<string, string> Indicators)
    {
        public string Period(string code) => Id(Periods.Single(p => p.GetProperty("code").GetString() == code));

        public IEnumerable<JsonElement> ClosedQuarters => Periods.Where(p => p.GetProperty("kind").GetString() == "Quarter"
            && DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture) < Today);
    }

    private static async Task<Context> ContextAsync(HttpClient c)
    {
        var d = (await c.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
        var periods = (await c.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={Id(d)}"))!;
        var indicators = d.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, Id);
        return new Context(Id(d), periods, indicators);
    }

    private Task SeedHistoryAsync() => Portal.Factory.SeedHistoryAsync();

    private static object Row(string oldCode, string newCode, string newName, string kind, string parent, string mapping, decimal? share = null) =>
        new { oldCode, newCode, newName, newKind = kind, newParentCode = parent, mapping, share };

    private static async Task<JsonElement> DraftAsync(HttpClient admin, string name, DateOnly effectiveOn, params object[] rows)
    {
        var response = await admin.PostAsJsonAsync("/api/reorganisations", new { name, legalBasis = "Quyết định thử nghiệm", effectiveOn, rows });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_2025_reform_turns_63_provinces_into_34_and_Hanois_30_districts_into_126_communes()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        bool IsProvince(JsonElement u) => u.GetProperty("kind").GetString() == "ProvincialCommittee";
        (await UnitsAsync(analyst, "2024-06-30")).Count(IsProvince).ShouldBe(63);
        var today = await UnitsAsync(analyst, Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        today.Count(IsProvince).ShouldBe(34);
        var hanoi = Id(today.Single(u => Code(u) == "P01"));
        (await UnitsAsync(analyst, "2024-06-30")).Count(u => u.GetProperty("parentId").GetString() == hanoi).ShouldBe(30);
        today.Count(u => u.GetProperty("parentId").GetString() == hanoi).ShouldBe(126);

        // A merged province is a new unit whose predecessors are all the provinces it absorbed, the one whose code it took included.
        var tuyenQuang = await analyst.GetFromJsonAsync<JsonElement>($"/api/org-units/{Id(today.Single(u => Code(u) == "P08"))}");
        tuyenQuang.GetProperty("validFrom").GetString().ShouldBe("2025-07-01");
        tuyenQuang.GetProperty("predecessors").EnumerateArray().Select(Code).ShouldBe(["P02", "P08"], ignoreOrder: true);

        // Phường Hai Bà Trưng: formed from Hai Bà Trưng district and its wards, whole or in part.
        var ward = await analyst.GetFromJsonAsync<JsonElement>($"/api/org-units/{Id(today.Single(u => Code(u) == "P01-00256"))}");
        var preds = ward.GetProperty("predecessors").EnumerateArray().ToDictionary(Code, p => p.GetProperty("mapping").GetString());
        preds["P01-D007"].ShouldBe("part");
        preds["P01-D007-W07"].ShouldBe("whole"); // Đồng Nhân, which absorbed Đống Mác on 1/1/2025
        preds["P01-D007-W13"].ShouldBe("whole"); // Phố Huế
        preds["P01-D007-W01"].ShouldBe("part"); // Bạch Đằng, split with Hồng Hà

        // Thừa Thiên Huế became Thành ủy Huế on 1/1/2025: the same unit, renamed.
        var hue = await analyst.GetFromJsonAsync<JsonElement>($"/api/org-units/{Id(today.Single(u => Code(u) == "P46"))}");
        hue.GetProperty("name").GetString().ShouldBe("Thành ủy Huế");
        hue.GetProperty("predecessors").EnumerateArray().Single().GetProperty("mapping").GetString().ShouldBe("rename");
        (await UnitsAsync(analyst, "2024-12-31")).Single(u => Code(u) == "P46").GetProperty("name").GetString().ShouldBe("Tỉnh ủy Thừa Thiên Huế");
    }

    [Fact]
    public async Task Who_reports_comes_from_the_tree_on_the_periods_last_day()
    {
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var ctx = await ContextAsync(reviewer);
        var hanoi = Id((await UnitsAsync(reviewer, "2024-06-30")).Single(u => Code(u) == "P01"));
        async Task<int> ExpectedAsync(string period, string unit) =>
            (await reviewer.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?directiveId={ctx.Directive}&periodId={ctx.Period(period)}&orgUnitId={unit}"))
            .GetProperty("expected").GetInt32();
        (await ExpectedAsync("2024-Q4", hanoi)).ShouldBe(30);
        (await ExpectedAsync("2025-Q2", hanoi)).ShouldBe(30);
        (await ExpectedAsync("2025-Q3", hanoi)).ShouldBe(126);

        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var nation = Id((await UnitsAsync(analyst, "2024-06-30")).Single(u => u.GetProperty("parentId").ValueKind == JsonValueKind.Null));
        async Task<int> NationalAsync(string period) =>
            (await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?directiveId={ctx.Directive}&periodId={ctx.Period(period)}&orgUnitId={nation}"))
            .GetProperty("expected").GetInt32();
        (await NationalAsync("2025-Q2")).ShouldBe(63);
        (await NationalAsync("2025-Q3")).ShouldBe(34);
    }

    [Fact]
    public async Task A_closed_district_reads_its_history_but_cannot_start_a_report_after_it_closed()
    {
        using var district = await Portal.SignedInAsync("haibatrung@childcare.local");
        var ctx = await ContextAsync(district);
        var me = await district.GetFromJsonAsync<JsonElement>("/api/me");
        (await UnitsAsync(district, "2024-06-30")).Count.ShouldBe(19);
        var current = ctx.Periods.Single(p => DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) <= Today && Today <= DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture)
            && p.GetProperty("kind").GetString() == "Quarter");
        var refused = await district.PostAsJsonAsync("/api/reports", new { directiveId = ctx.Directive, periodId = Id(current), orgUnitId = me.GetProperty("orgUnitId").GetString() });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("đã kết thúc hoạt động từ ngày 01/07/2025");
        var history = await district.PostAsJsonAsync("/api/reports", new { directiveId = ctx.Directive, periodId = ctx.Period("2025-Q2"), orgUnitId = me.GetProperty("orgUnitId").GetString() });
        history.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_merge_is_previewed_without_change_applied_from_its_date_and_undone_while_not_in_force()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var ctx = await ContextAsync(admin);
        var effective = NextButOneQuarter();
        var hanoi = Id((await UnitsAsync(admin, "2024-06-30")).Single(u => Code(u) == "P01"));
        int Under(List<JsonElement> units) => units.Count(u => u.GetProperty("parentId").GetString() == hanoi);
        var row = (string old) => Row(old, "P01-THU1", "Đảng ủy phường Thử Nghiệm", "GrassrootsCommittee", "P01", "whole");

        var draft = await DraftAsync(admin, "Hợp nhất thử", effective, row("P01-00070"), row("P01-00082"));
        draft.GetProperty("status").GetString().ShouldBe("Draft");
        var summary = draft.GetProperty("summary");
        (summary.GetProperty("created").GetInt32(), summary.GetProperty("closed").GetInt32()).ShouldBe((1, 2));
        var expected = draft.GetProperty("expected").EnumerateArray().First(x => x.GetProperty("parentName").GetString() == "Thành ủy Hà Nội");
        (expected.GetProperty("before").GetInt32(), expected.GetProperty("after").GetInt32()).ShouldBe((126, 125));
        Under(await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldBe(126); // a preview changes nothing

        var id = Id(draft);
        (await admin.PostAsync($"/api/reorganisations/{id}/apply", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Under(await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldBe(125);
        Under(await UnitsAsync(admin, Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldBe(126);
        var quarter = ctx.Periods.Single(p => p.GetProperty("startsOn").GetString() == effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        (await admin.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?directiveId={ctx.Directive}&periodId={Id(quarter)}&orgUnitId={hanoi}"))
            .GetProperty("expected").GetInt32().ShouldBe(125);
        (await admin.PostAsync($"/api/reorganisations/{id}/apply", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict); // once only

        var reverted = await admin.PostAsync($"/api/reorganisations/{id}/revert", null);
        reverted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reverted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Reverted");
        Under(await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldBe(126);
        (await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ShouldNotContain(u => Code(u) == "P01-THU1");
    }

    [Fact]
    public async Task A_reorganisation_in_force_cannot_be_undone_and_only_administrators_reorganise()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var seeded = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations"))!;
        seeded.Count.ShouldBe(6); // 2025 (five) and Đồng Nai 2026
        var twoLevel = seeded.Single(r => r.GetProperty("effectiveOn").GetString() == "2025-07-01");
        var refused = await admin.PostAsync($"/api/reorganisations/{Id(twoLevel)}/revert", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("đã có hiệu lực");

        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        (await reviewer.GetAsync("/api/reorganisations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.PostAsJsonAsync("/api/reorganisations", new { name = "x", effectiveOn = NextButOneQuarter(), rows = new[] { Row("P01-00070", "X", "X", "GrassrootsCommittee", "P01", "whole") } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_rows_get_400_with_a_Vietnamese_reason_and_nothing_is_stored()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsJsonAsync("/api/reorganisations", new
        {
            name = "Sai mã",
            effectiveOn = NextButOneQuarter(),
            rows = new[] { Row("KHONG-CO", "P01-X", "Đảng ủy X", "GrassrootsCommittee", "P01", "whole"), Row("P01-00070", "P01-Y", "Y", "GrassrootsCommittee", "KHONG-CO-CAP-TREN", "whole") },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("không có đơn vị mã «KHONG-CO»");
        text.ShouldContain("không có đơn vị cấp trên mã «KHONG-CO-CAP-TREN»");
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations"))!.Count.ShouldBe(6);

        var noDate = await admin.PostAsJsonAsync("/api/reorganisations", new { name = "Không ngày", rows = Array.Empty<object>() });
        noDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noDate.Content.ReadAsStringAsync()).ShouldContain("Nhập ngày hiệu lực");
    }

    /// <summary>A chain of new units, each the parent of the next, the first under Hà Nội (the review's oversized package).</summary>
    private static object[] Chain(int length) =>
        [.. Enumerable.Range(0, length).Select(i => Row(null!, $"CH-{i}", $"Đảng ủy thử {i}", "GrassrootsCommittee", i == 0 ? "P01" : $"CH-{i - 1}", "whole"))];

    [Fact]
    public async Task A_package_over_the_row_limit_is_refused_with_400_before_any_work()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsJsonAsync("/api/reorganisations", new { name = "Chuỗi 20.000", effectiveOn = NextButOneQuarter(), rows = Chain(20_000) });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("rows")[0].GetString()!.ShouldContain("tối đa 10.000 dòng");
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations"))!.Count.ShouldBe(6);
    }

    [Fact]
    public async Task A_chain_of_new_units_deeper_than_the_limit_is_refused_with_400()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsJsonAsync("/api/reorganisations", new { name = "Chuỗi sâu", effectiveOn = NextButOneQuarter(), rows = Chain(6) });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("rows")[0].GetString()!.ShouldContain("Đơn vị mới lồng nhau tối đa 5 cấp");
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations"))!.Count.ShouldBe(6);

        // Five levels are allowed: drafted, with every unit of the chain to be created.
        var draft = await DraftAsync(admin, "Chuỗi năm cấp", NextButOneQuarter(), Chain(5));
        draft.GetProperty("summary").GetProperty("created").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task A_CSV_upload_drafts_the_same_reorganisation_as_JSON()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var csv = "oldCode,newCode,newName,newKind,newParentCode,mapping,share\n"
            + "P01-00256,P01-T1,Đảng ủy phường Thử Một,grassroots-committee,P01,part,\"0,4\"\n"
            + "P01-00256,P01-T2,Đảng ủy phường Thử Hai,GrassrootsCommittee,P01,remainder,0.6\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Chia tách thử"), "name" },
            { new StringContent(NextButOneQuarter().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "effectiveOn" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "phuong-an.csv" },
        };
        var response = await admin.PostAsync("/api/reorganisations", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        draft.GetProperty("summary").GetProperty("created").GetInt32().ShouldBe(2);
        draft.GetProperty("summary").GetProperty("closed").GetInt32().ShouldBe(1);
        draft.GetProperty("summary").GetProperty("usersAffected").GetInt32().ShouldBe(1); // phuonghaibatrung
        draft.GetProperty("users").EnumerateArray().Single().GetProperty("proposed").GetProperty("code").GetString().ShouldBe("P01-T2");

        using var bad = new MultipartFormDataContent
        {
            { new StringContent("Sai"), "name" },
            { new StringContent(NextButOneQuarter().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "effectiveOn" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("oldCode,newCode,mapping\nP01-00256,X,gop\n")), "file", "sai.csv" },
        };
        var refused = await admin.PostAsync("/api/reorganisations", bad);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("mapping phải là whole, part, remainder, rename hoặc move");
    }

    [Fact]
    public async Task National_totals_do_not_change_when_a_reorganisation_is_applied_and_new_units_show_their_predecessors_sums()
    {
        await SeedHistoryAsync();
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var ctx = await ContextAsync(admin);
        var nation = Id((await UnitsAsync(admin, "2024-06-30")).Single(u => u.GetProperty("parentId").ValueKind == JsonValueKind.Null));
        async Task<string> TotalsAsync()
        {
            var all = new StringBuilder();
            foreach (var p in ctx.ClosedQuarters)
                all.Append(await admin.GetStringAsync($"/api/dashboard/indicators?directiveId={ctx.Directive}&periodId={Id(p)}&orgUnitId={nation}"));
            return all.ToString();
        }
        var before = await TotalsAsync();

        // Hà Nội (whose communes have reported) and Cao Bằng (whose communes have not) merge from the quarter after next;
        // a province cannot close over its communes, so theirs move under the merged one.
        var effective = NextButOneQuarter();
        var dayBefore = await UnitsAsync(admin, effective.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var hanoi = dayBefore.Single(u => Code(u) == "P01");
        var caoBang = dayBefore.Single(u => Code(u) == "P04");
        var last = ctx.ClosedQuarters.Last();
        decimal? Value(JsonElement e) => e.GetProperty("value").ValueKind == JsonValueKind.Null ? null : e.GetProperty("value").GetDecimal();
        async Task<decimal?> PointAsync(string unit) => Value((await admin.GetFromJsonAsync<List<JsonElement>>(
                $"/api/dashboard/indicators/{ctx.Indicators["CT28-03"]}/trend?directiveId={ctx.Directive}&periodId={Id(last)}&orgUnitId={unit}"))!
            .Single(t => t.GetProperty("periodCode").GetString() == last.GetProperty("code").GetString()));
        var (hanoiValue, caoBangValue) = (await PointAsync(Id(hanoi)), await PointAsync(Id(caoBang)));
        hanoiValue.ShouldNotBeNull();

        var row = (string old) => Row(old, "P99", "Thành ủy hợp nhất (thử)", "ProvincialCommittee", "TW", "whole");
        var closing = new[] { Id(hanoi), Id(caoBang) }.ToHashSet();
        var moves = dayBefore.Where(u => u.GetProperty("parentId").ValueKind == JsonValueKind.String && closing.Contains(u.GetProperty("parentId").GetString()!))
            .Select(u => (object)new { oldCode = Code(u), newCode = Code(u), newParentCode = "P99", mapping = "move" }).ToList();
        moves.Count.ShouldBeGreaterThan(126);
        var draft = await DraftAsync(admin, "Hợp nhất thử hai tỉnh", effective, [row("P01"), row("P04"), .. moves]);
        (await admin.PostAsync($"/api/reorganisations/{Id(draft)}/apply", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TotalsAsync()).ShouldBe(before);

        // The new province's history is the sum of the two it absorbed.
        var merged = Id((await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Single(u => Code(u) == "P99"));
        (await PointAsync(merged)).ShouldBe(hanoiValue + (caoBangValue ?? 0));
        var trend = (await admin.GetFromJsonAsync<List<JsonElement>>(
            $"/api/dashboard/indicators/{ctx.Indicators["CT28-03"]}/trend?directiveId={ctx.Directive}&periodId={Id(last)}&orgUnitId={merged}"))!;
        trend.Count.ShouldBe(ctx.ClosedQuarters.Count());
    }

    [Fact]
    public async Task A_split_contributes_its_declared_share_and_without_one_is_not_comparable()
    {
        await SeedHistoryAsync();
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var ctx = await ContextAsync(admin);
        var effective = NextButOneQuarter();
        var draft = await DraftAsync(admin, "Chia tách thử", effective,
            Row("P01-00256", "P01-T1", "Đảng ủy phường Thử Một", "GrassrootsCommittee", "P01", "part", 0.25m),
            Row("P01-00256", "P01-T2", "Đảng ủy phường Thử Hai", "GrassrootsCommittee", "P01", "remainder"));
        (await admin.PostAsync($"/api/reorganisations/{Id(draft)}/apply", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var units = await UnitsAsync(admin, effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var last = ctx.ClosedQuarters.Last();
        async Task<JsonElement> PointAsync(string code, string ind)
        {
            var trend = (await admin.GetFromJsonAsync<List<JsonElement>>(
                $"/api/dashboard/indicators/{ctx.Indicators[ind]}/trend?directiveId={ctx.Directive}&periodId={Id(last)}&orgUnitId={Id(units.Single(u => Code(u) == code))}"))!;
            return trend.Single(t => t.GetProperty("periodCode").GetString() == last.GetProperty("code").GetString());
        }
        var hanoi = Id(units.Single(u => Code(u) == "P01"));
        var ward = (await admin.GetFromJsonAsync<List<JsonElement>>(
                $"/api/dashboard/indicators/{ctx.Indicators["CT28-03"]}/units?directiveId={ctx.Directive}&periodId={Id(last)}&orgUnitId={hanoi}"))!
            .Single(u => u.GetProperty("name").GetString() == "Đảng ủy phường Hai Bà Trưng").GetProperty("value").GetDecimal();

        var shared = await PointAsync("P01-T1", "CT28-03");
        shared.GetProperty("notComparable").GetBoolean().ShouldBeFalse();
        shared.GetProperty("value").GetDecimal().ShouldBe(ward * 0.25m);
        var unshared = await PointAsync("P01-T2", "CT28-03");
        unshared.GetProperty("notComparable").GetBoolean().ShouldBeTrue();
        unshared.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Closing_a_unit_with_users_and_open_reports_needs_a_decision_and_a_dated_rename_keeps_the_old_name()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var today = await UnitsAsync(admin, Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var badinh = Id(today.Single(u => Code(u) == "P01-00004"));
        // Phường Ba Đình has its office's account and starts today's report: a user and an open report.
        using (var ward = await Portal.SignedInAsync("phuongbadinh@childcare.local"))
        {
            var ctx = await ContextAsync(ward);
            var current = ctx.Periods.Single(p => p.GetProperty("kind").GetString() == "Quarter"
                && DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) <= Today && Today <= DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture));
            (await ward.PostAsJsonAsync("/api/reports", new { directiveId = ctx.Directive, periodId = Id(current), orgUnitId = badinh }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var lastDay = NextButOneQuarter().AddDays(-1);

        var refused = await admin.PostAsJsonAsync($"/api/org-units/{badinh}/close", new { lastDay });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("tài khoản");
        var withUsers = await admin.PostAsJsonAsync($"/api/org-units/{badinh}/close", new { lastDay, keepUsers = true });
        withUsers.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withUsers.Content.ReadAsStringAsync()).ShouldContain("báo cáo chưa được chấp nhận");
        (await admin.PostAsJsonAsync($"/api/org-units/{badinh}/close", new { lastDay, keepUsers = true, openReports = "Keep" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var closed = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{badinh}");
        closed.GetProperty("validTo").GetString().ShouldBe(lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var hbt = Id(today.Single(u => Code(u) == "P01-00256"));
        var from = NextButOneQuarter();
        (await admin.PostAsJsonAsync($"/api/org-units/{hbt}/rename", new { name = "Đảng ủy phường Hai Bà Trưng (mới)", from }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await UnitsAsync(admin, Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Single(u => Code(u) == "P01-00256").GetProperty("name").GetString().ShouldBe("Đảng ủy phường Hai Bà Trưng");
        (await UnitsAsync(admin, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Single(u => Code(u) == "P01-00256").GetProperty("name").GetString().ShouldBe("Đảng ủy phường Hai Bà Trưng (mới)");

        (await admin.GetStringAsync($"/api/org-units/{hbt}")).ShouldContain("\"mapping\":\"rename\"");

        // Both changes are in the audit, who and when.
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ChildCare.Core.Data.AppDbContext>>().CreateDbContextAsync();
        var entries = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(a => a.EntityType == "OrgUnitVersion" && a.UserName == "admin@childcare.local"));
        entries.Count(a => a.Action == "Added").ShouldBe(1); // the rename's new version
        entries.Count(a => a.Action == "Modified").ShouldBeGreaterThanOrEqualTo(2); // Ba Đình's end, the old name's end
    }
}

public sealed class ReorganisedExportTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task The_2025_summary_lists_the_provinces_of_each_quarter_under_the_commission_named_as_today()
    {
        await Portal.Factory.SeedHistoryAsync();
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var d = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString();
        var periods = (await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d}"))!;
        string P(string code) => periods.Single(p => p.GetProperty("code").GetString() == code).GetProperty("id").GetString()!;
        var root = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/org-units"))!.Single(u => u.GetProperty("parentId").ValueKind == JsonValueKind.Null)
            .GetProperty("id").GetString();
        var q = $"directiveId={d}&fromPeriodId={P("2025-Q1")}&toPeriodId={P("2025-Q4")}&orgUnitId={root}";

        // The tidy values: Hà Giang for the first half-year, the new Tuyên Quang (Hà Giang + Tuyên Quang) for the second.
        var csv = await analyst.GetStringAsync($"/api/exports/summary?{q}&format=csv");
        var lines = csv.Split('\n');
        lines.ShouldContain(l => l.Contains("Tỉnh ủy Hà Giang") && l.Contains("2025-Q2"));
        lines.ShouldNotContain(l => l.Contains("Tỉnh ủy Hà Giang") && l.Contains("2025-Q3"));
        lines.ShouldContain(l => l.StartsWith("P08,", StringComparison.Ordinal) && l.Contains("2025-Q3"));

        // The header names the body that compiles it as it is called on the export date.
        using var docx = new System.IO.Compression.ZipArchive(await analyst.GetStreamAsync($"/api/exports/summary?{q}&format=docx"));
        var xml = new StreamReader(docx.GetEntry("word/document.xml")!.Open()).ReadToEnd();
        xml.ShouldContain("BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG");
        xml.ShouldContain("BC/BTGDVTW");
        xml.ShouldContain("Tỉnh ủy Tuyên Quang (2025-Q1–2025-Q2)"); // the old P08 and the new one are two rows
        xml.ShouldContain("Tỉnh ủy Tuyên Quang (2025-Q3–2025-Q4)");
    }
}
