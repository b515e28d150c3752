using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Web.Tests.Exports;
using AccountabilityTracker.Web.Tests.Features.Analysis.Oracle;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Analysis;

/// <summary>
/// The app over a generated dataset of every shape, without the reference cases, so every figure is the dataset's: one
/// app per "today" (its clock only moves forward), each seeded once with the same cases and a limit scenario.
/// </summary>
public sealed class OracleDatasetFixture : IAsyncDisposable, IDisposable
{
    public const int CaseCount = 520;

    private readonly Dictionary<string, Lazy<Task<OracleApp>>> _apps = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The generated cases, the same for every app (each app records its own ids on its own copy).</summary>
    public IReadOnlyList<OCase> Generated { get; } = OracleDataset.Generate(CaseCount, seed: 23);

    public Task<OracleApp> AtAsync(string today)
    {
        lock (_gate)
        {
            if (!_apps.TryGetValue(today, out var app))
            {
                app = new Lazy<Task<OracleApp>>(() => OracleApp.StartAsync(DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
                _apps[today] = app;
            }

            return app.Value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).Factory.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>One app at one "today" over the generated dataset (seed 23), with the ids the database gave it.</summary>
public sealed class OracleApp
{
    private OracleApp(TrackerAppFactory factory, List<OCase> cases, int scenarioId, DateOnly today)
    {
        Factory = factory;
        Cases = cases;
        ScenarioId = scenarioId;
        Oracle = new OracleCalculator(cases, today);
    }

    public TrackerAppFactory Factory { get; }

    public List<OCase> Cases { get; }

    public int ScenarioId { get; }

    public OracleCalculator Oracle { get; }

    public static async Task<OracleApp> StartAsync(DateOnly today)
    {
        var factory = new TrackerAppFactory();
        factory.Settings["Database:LoadReferenceCases"] = "false";
        factory.Time.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var cases = OracleDataset.Generate(OracleDatasetFixture.CaseCount, seed: 23);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        foreach (var batch in cases.Chunk(60))
        {
            await factory.WithServicesAsync(async s =>
            {
                var db = s.GetRequiredService<TrackerDbContext>();
                var saved = batch.Select(c => (Generated: c, Entity: OracleDataset.ToCase(c, now))).ToList();
                db.Cases.AddRange(saved.Select(p => p.Entity));
                await db.SaveChangesAsync();
                foreach (var (generated, entity) in saved)
                {
                    generated.Id = entity.Id;
                    foreach (var (stage, stored) in generated.Stages.Zip(entity.Stages))
                    {
                        stage.Id = stored.Id;
                    }

                    foreach (var (officer, stored) in generated.Officers.Zip(entity.Officers))
                    {
                        officer.Id = stored.Id;
                    }
                }

                return 0;
            });
        }

        var scenarioId = (await factory.SendAsync(new SaveScenario.Command
        {
            Name = "IOPC 12 months, CPS 3 months",
            Limits =
            [
                new SaveScenario.LimitInput { Kind = StageKind.IopcInvestigation, Amount = 12, Unit = LimitUnit.Months },
                new SaveScenario.LimitInput { Kind = StageKind.CpsDecision, Amount = 3, Unit = LimitUnit.Months },
            ],
        }))!.Value;
        await factory.EnsureTestUsersAsync();
        return new OracleApp(factory, cases, scenarioId, today);
    }
}

/// <summary>
/// Issue 23, acceptance 1 and 3: over 520 generated cases with day-, month-, year-precision and unknown dates, undated
/// ends of stages and officer periods, running stages with unknown starts, undated Charged/Convicted/case-to-answer
/// outcomes, removed events and three jurisdictions, every figure of the duration report, the outcome contrasts, the
/// officer burden and a limit scenario, and every stage's and case's clock status, as the pages, the CSV exports and the
/// API give them, equals what <see cref="OracleCalculator"/> works out from docs/reports.md and docs/time-limits.md,
/// at three different todays (on SQLite here, and on PostgreSQL when the suite runs there).
/// </summary>
public sealed partial class IndependentFiguresTests(OracleDatasetFixture fixture) : IClassFixture<OracleDatasetFixture>
{
    private const double Rounded = 0.051;
    private const double Exact = 1e-6;

    private TrackerAppFactory Factory => _app!.Factory;

    private OracleApp? _app;

    private List<OCase> Cases => _app!.Cases;

    private const string FirstToday = "2026-11-23";

    public static TheoryData<string> Todays => [FirstToday, "2027-02-14", "2029-06-30"];

    [Fact]
    public void The_dataset_has_every_shape_the_figures_must_get_right()
    {
        var cases = fixture.Generated;
        var stages = cases.SelectMany(c => c.Stages).ToList();
        var events = cases.SelectMany(c => c.Officers.SelectMany(o => o.Events)).ToList();
        Assert.True(cases.Count >= 500);
        foreach (var precision in new[] { "day", "month", "year", "unknown" })
        {
            Assert.Contains(stages, s => s.Start.Precision == precision);
            Assert.Contains(events, e => e.Date.Precision == precision);
        }

        foreach (var precision in new[] { "day", "month", "year" })
        {
            Assert.Contains(stages, s => s.End.Ended && s.End.Date.Precision == precision);
            Assert.Contains(cases, c => c.Incident.Precision == precision);
        }

        Assert.Contains(stages, s => s.End == OEnd.Undated);
        Assert.Contains(events, e => e.Kind.IsPeriod() && e.End == OEnd.Undated);
        Assert.Contains(events, e => e.Kind.IsPeriod() && e.End.Ended && e.End.Date.Precision == "month");
        Assert.Contains(stages, s => !s.End.Ended && s.Start.Precision == "unknown");
        foreach (var type in new[] { OutcomeType.Charged, OutcomeType.Convicted, OutcomeType.CaseToAnswerGrossMisconduct, OutcomeType.CaseToAnswerMisconduct })
        {
            Assert.Contains(stages, s => s.Type == type && s.End == OEnd.Undated);
        }

        Assert.Contains(events, e => e.Removed);
        Assert.Contains(cases, c => c.Jurisdiction == Jurisdiction.Scotland && c.Stages.Any(s => s.Kind == StageKind.IopcInvestigation));
        Assert.Contains(cases, c => c.ClosedOn is not null);
    }

    [Theory]
    [MemberData(nameof(Todays))]
    public async Task The_duration_report_matches_on_the_page_in_the_csv_and_from_the_api(string today)
    {
        var oracle = await AtAsync(today);
        var expected = oracle.DurationReportByKind();
        Assert.True(expected["all"].Approximate > 0 && expected["all"].NotAssessed > 0 && expected["all"].PastLimit > 0, "the dataset exercises approximate, unassessed and late stages");

        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var csv = Table(await client.GetByteArrayAsync("/reports/durations.csv?groupBy=StageKind"));
        var html = await client.GetStringAsync("/reports/durations?groupBy=StageKind");
        using var api = await ApiAsync();
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/reports/durations?groupBy=StageKind")).RootElement;
        var apiGroups = json.GetProperty("groups").EnumerateArray().Append(json.GetProperty("total")).ToList();
        Assert.Equal(expected.Count, csv.Count);

        foreach (var (code, e) in expected)
        {
            var where = $"{today} {code}";
            var row = csv.Single(r => r["group_code"] == code);
            AssertCount(e.Stages, row["stages"], where);
            AssertCount(e.Durations.Count, row["concluded_with_duration"], where);
            AssertNumber(e.Durations.Median, row["median_days"], Rounded, where + " median");
            AssertNumber(e.Durations.Q1, row["lower_quartile_days"], Rounded, where + " q1");
            AssertNumber(e.Durations.Q3, row["upper_quartile_days"], Rounded, where + " q3");
            AssertNumber(e.Durations.P90, row["percentile_90_days"], Rounded, where + " p90");
            AssertNumber(e.Durations.Mean, row["mean_days"], Rounded, where + " mean");
            AssertNumber(e.Durations.Max, row["maximum_days"], Exact, where + " max");
            AssertCount(e.Approximate, row["approximate_durations"], where + " approximate");
            AssertCount(e.Unknown, row["unknown_dates"], where + " unknown");
            AssertCount(e.Running, row["running"], where + " running");
            AssertCount(e.WithLimit, row["with_limit"], where + " with limit");
            AssertCount(e.PastLimit, row["past_limit"], where + " past limit");
            AssertCount(e.NotAssessed, row["not_assessed"], where + " not assessed");

            var key = code == "all" ? "All stages" : Enum.Parse<StageKind>(code).DisplayName();
            var group = apiGroups.Single(g => g.GetProperty("key").GetString() == key);
            Assert.Equal(e.Durations.Count, group.GetProperty("withDuration").GetInt32());
            AssertNumber(e.Durations.Median, Number(group, "medianDays"), Exact, where + " api median");
            AssertNumber(e.Durations.Q3, Number(group, "upperQuartileDays"), Exact, where + " api q3");
            AssertNumber(e.Durations.Mean, Number(group, "meanDays"), Exact, where + " api mean");
            Assert.Equal((e.WithLimit, e.PastLimit, e.NotAssessed), (group.GetProperty("withLimit").GetInt32(), group.GetProperty("pastLimit").GetInt32(), group.GetProperty("notAssessed").GetInt32()));

            var page = Regex.Match(html, $"<tr data-group=\"{Regex.Escape(System.Net.WebUtility.HtmlEncode(key))}\" data-median=\"([^\"]*)\" data-p90=\"([^\"]*)\" data-q1=\"([^\"]*)\" data-q3=\"([^\"]*)\" data-n=\"(\\d+)\"");
            Assert.True(page.Success, where + ": no row on the page");
            AssertNumber(e.Durations.Median, Dash(page.Groups[1].Value), Rounded, where + " page median");
            AssertNumber(e.Durations.P90, Dash(page.Groups[2].Value), Rounded, where + " page p90");
            AssertCount(e.Durations.Count, page.Groups[5].Value, where + " page n");
        }
    }

    [Theory]
    [MemberData(nameof(Todays))]
    public async Task The_outcome_contrasts_match_on_the_page_in_the_csv_and_from_the_api(string today)
    {
        var oracle = await AtAsync(today);
        var expected = oracle.ContrastsByCategory();
        Assert.True(expected[("all", "charged")].Cases > expected[("all", "charged")].Timed, "undated charges count in the share, not in the timing");
        Assert.True(expected[("all", "final_outcome")].Approximate > 0);

        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var csv = Table(await client.GetByteArrayAsync("/analysis/contrasts.csv"));
        var html = await client.GetStringAsync("/analysis/contrasts");
        using var api = await ApiAsync();
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/contrasts")).RootElement;
        var apiGroups = json.GetProperty("groups").EnumerateArray().Append(json.GetProperty("total")).ToList();
        Assert.Equal(expected.Count, csv.Count);

        foreach (var ((group, name), e) in expected)
        {
            var where = $"{today} {group} {name}";
            var row = csv.Single(r => r["group_code"] == group && r["event"] == name);
            AssertCount(e.Of, row["cases"], where);
            AssertCount(e.Cases, row["event_cases"], where);
            AssertCount(e.Timed, row["timed_cases"], where + " timed");
            AssertCount(e.Approximate, row["approximate_timings"], where + " approximate");
            AssertNumber(e.Days.Median, row["median_days"], Exact, where + " median");
            AssertNumber(e.Days.Q1, row["lower_quartile_days"], Exact, where + " q1");
            AssertNumber(e.Days.Q3, row["upper_quartile_days"], Exact, where + " q3");

            var apiEvent = apiGroups.Single(g => g.GetProperty("code").GetString() == group).GetProperty("events").EnumerateArray()
                .Single(v => v.GetProperty("event").GetString() == name);
            Assert.Equal((e.Cases, e.Of, e.Approximate), (apiEvent.GetProperty("cases").GetInt32(), apiEvent.GetProperty("of").GetInt32(), apiEvent.GetProperty("approximateTimings").GetInt32()));
            AssertNumber(e.Days.Median, Number(apiEvent.GetProperty("daysFromIncident"), "median"), Exact, where + " api median");

            var rowHtml = Regex.Match(html, $"<tr data-group=\"{group}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
            var cell = Regex.Match(rowHtml, $"data-event=\"{name}\" data-cases=\"(\\d+)\" data-median=\"([^\"]*)\"");
            Assert.True(cell.Success, where + ": no cell on the page");
            AssertCount(e.Cases, cell.Groups[1].Value, where + " page cases");
            AssertNumber(e.Days.Median, cell.Groups[2].Value, Exact, where + " page median");
        }
    }

    [Theory]
    [MemberData(nameof(Todays))]
    public async Task The_officer_burden_matches_on_the_page_in_the_csv_and_from_the_api(string today)
    {
        var oracle = await AtAsync(today);
        var (expected, without, distribution, suspended) = oracle.Burden();
        Assert.Contains(expected.Values, r => r.Days is null && r.Proceedings > 0);
        Assert.Contains(expected.Values, r => r.Days is { } d && d.Shortest != d.Longest);
        Assert.True(without > 0);

        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var csv = Table(await client.GetByteArrayAsync("/analysis/burden.csv"));
        var html = await client.GetStringAsync("/analysis/burden");
        using var api = await ApiAsync();
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/burden")).RootElement;
        Assert.Equal(expected.Count, csv.Count);
        Assert.Equal(without, json.GetProperty("withoutExactIncident").GetInt32());
        AssertNumber(distribution.Median, Number(json.GetProperty("distribution"), "median"), Exact, today + " distribution median");
        AssertNumber(distribution.Q1, Number(json.GetProperty("distribution"), "lowerQuartile"), Exact, today + " distribution q1");
        Assert.Equal(distribution.Count, json.GetProperty("distribution").GetProperty("count").GetInt32());
        AssertNumber(suspended.Median, Number(json.GetProperty("suspendedOrRestricted"), "median"), Exact, today + " suspended median");
        var apiRows = json.GetProperty("officers").EnumerateArray().ToDictionary(o => o.GetProperty("officerId").GetInt32());

        foreach (var (id, e) in expected)
        {
            var where = $"{today} officer {id}";
            var row = csv.Single(r => r["officer_id"] == id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(e.StillRunning ? "true" : "false", row["still_running"]);
            AssertNumber(e.Days is { } d ? (d.Shortest + d.Longest) / 2.0 : (double?)null, row["days"], Exact, where + " days");
            AssertCount(e.Days?.Shortest, row["days_shortest"], where + " shortest");
            AssertCount(e.Days?.Longest, row["days_longest"], where + " longest");
            AssertCount(e.Proceedings, row["proceedings"], where + " proceedings");
            AssertCount(e.MostAtOnce, row["most_at_once"], where + " most at once");
            AssertCount(e.Suspended, row["days_suspended"], where + " suspended");
            AssertCount(e.Restricted, row["days_restricted_duties"], where + " restricted");
            AssertCount(e.Either, row["days_suspended_or_restricted"], where + " either");
            Assert.Equal(e.PeriodRunning ? "true" : "false", row["period_running"]);
            AssertCount(e.Unmeasured, row["unmeasured_periods"], where + " unmeasured");

            var apiRow = apiRows[id];
            Assert.Equal(e.Days?.Shortest, apiRow.GetProperty("days").ValueKind == JsonValueKind.Null ? null : apiRow.GetProperty("days").GetProperty("shortest").GetInt32());
            Assert.Equal(e.Either, apiRow.GetProperty("daysSuspendedOrRestricted").GetInt32());

            var page = Regex.Match(html, $"<tr data-officer=\"{id}\" data-days=\"([^\"]*)\" data-days-shortest=\"([^\"]*)\" data-days-longest=\"([^\"]*)\" data-suspended=\"(\\d+)\" data-restricted=\"(\\d+)\" data-either=\"(\\d+)\" data-unmeasured=\"(\\d+)\"");
            Assert.True(page.Success, where + ": no row on the page");
            AssertNumber(e.Days is { } days ? (days.Shortest + days.Longest) / 2.0 : (double?)null, page.Groups[1].Value, Exact, where + " page days");
            AssertCount(e.Either, page.Groups[6].Value, where + " page either");
            AssertCount(e.Unmeasured, page.Groups[7].Value, where + " page unmeasured");
        }
    }

    [Theory]
    [MemberData(nameof(Todays))]
    public async Task A_limit_scenario_matches_in_the_csv_and_from_the_api(string today)
    {
        var oracle = await AtAsync(today);
        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var csv = Table(await client.GetByteArrayAsync($"/analysis/scenarios/{_app!.ScenarioId}/limits.csv"));
        using var api = await ApiAsync();
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/analysis/scenarios/{_app!.ScenarioId}")).RootElement;
        var apiLimits = json.GetProperty("figures").GetProperty("limits").EnumerateArray().ToList();
        foreach (var (kind, months) in new[] { (StageKind.IopcInvestigation, 12), (StageKind.CpsDecision, 3) })
        {
            var e = oracle.Scenario(kind, months);
            var where = $"{today} {kind}";
            Assert.True(e.Assessed < e.Stages && e.ScenarioBreaches > 0, where + ": the dataset exercises unassessed and breaching stages");
            var row = csv.Single(r => r["limit_code"] == kind.ToString());
            AssertCount(e.Stages, row["stages"], where + " stages");
            AssertCount(e.Assessed, row["assessed"], where + " assessed");
            AssertCount(e.ScenarioBreaches, row["scenario_breaches"], where + " breaches");
            AssertCount(e.ScenarioCases, row["scenario_cases"], where + " breaching cases");
            AssertCount(e.RuleBreaches, row["rule_breaches"], where + " rule breaches");
            AssertCount(e.RuleCases, row["rule_cases"], where + " rule cases");
            var limit = apiLimits.Single(l => l.GetProperty("code").GetString() == kind.ToString());
            Assert.Equal((e.Stages, e.Assessed, e.ScenarioBreaches, e.RuleBreaches), (limit.GetProperty("stages").GetInt32(), limit.GetProperty("assessed").GetInt32(),
                limit.GetProperty("scenarioBreaches").GetInt32(), limit.GetProperty("ruleBreaches").GetInt32()));
        }
    }

    [Theory]
    [MemberData(nameof(Todays))]
    public async Task Every_stage_and_case_clock_has_its_independent_status_in_the_export_the_api_and_the_overdue_list(string today)
    {
        var oracle = await AtAsync(today);
        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var stages = Table(await client.GetByteArrayAsync("/reports/stages.csv")).ToDictionary(r => int.Parse(r["stage_id"], CultureInfo.InvariantCulture));
        var expectedStages = Cases.SelectMany(c => c.Stages.Select(s => (Stage: s, Clock: oracle.StageClock(c, s)))).ToList();
        Assert.Equal(expectedStages.Count, stages.Count);
        Assert.Contains(expectedStages, s => s.Clock.Status != s.Clock.Possible);
        foreach (var (stage, clock) in expectedStages)
        {
            var row = stages[stage.Id];
            var where = $"{today} stage {stage.Id} ({stage.Kind}, {stage.Start}, {stage.End})";
            Assert.True(clock.Status.ToString() == row["clock_status_code"], $"{where}: {row["clock_status_code"]}, expected {clock.Status}");
            AssertCount(clock.DaysOver, row["days_over"], where + " days over");
            AssertCount(clock.Possible is ClockStatus.Overdue or ClockStatus.ConcludedLate ? clock.DaysOverMost : null, row["days_over_most"], where + " days over at most");
            var possiblyLate = clock.Status != clock.Possible && clock.Possible is ClockStatus.Overdue or ClockStatus.ConcludedLate;
            Assert.True((possiblyLate ? "true" : "false") == row["possibly_late"], where + " possibly late");
        }

        using var api = await ApiAsync();
        var listed = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases?pageSize=100&page={page}")).RootElement;
            listed.AddRange(json.GetProperty("items").EnumerateArray());
            if (page >= json.GetProperty("pageCount").GetInt32())
            {
                break;
            }
        }

        Assert.Equal(Cases.Count, listed.Count);
        var byId = listed.ToDictionary(c => c.GetProperty("id").GetInt32());
        foreach (var c in Cases)
        {
            var item = byId[c.Id];
            var clocks = c.Stages.Select(s => oracle.StageClock(c, s).Status).ToList();
            Assert.True(oracle.CaseClock(c).Status.ToString() == item.GetProperty("caseClock").GetProperty("status").GetString(), $"{today} case {c.Id} clock");
            Assert.Equal(clocks.Count(s => s == ClockStatus.Overdue), item.GetProperty("overdueStageCount").GetInt32());
            Assert.Equal(clocks.Count(s => s == ClockStatus.Approaching), item.GetProperty("approachingStageCount").GetInt32());
        }

        var flagged = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/clocks/overdue?pageSize=100&page={page}")).RootElement.GetProperty("page");
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                flagged.Add(item.GetProperty("stageId").ValueKind == JsonValueKind.Null ? "case " + item.GetProperty("caseId").GetInt32() : "stage " + item.GetProperty("stageId").GetInt32());
            }

            if (page >= json.GetProperty("pageCount").GetInt32())
            {
                break;
            }
        }

        static bool Flagged(OracleCalculator.Clock clock) => clock.Possible is ClockStatus.Overdue or ClockStatus.Approaching;
        var expectedFlagged = expectedStages.Where(s => Flagged(s.Clock)).Select(s => "stage " + s.Stage.Id)
            .Concat(Cases.Where(c => Flagged(oracle.CaseClock(c))).Select(c => "case " + c.Id))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expectedFlagged.Order(StringComparer.Ordinal), flagged.Order(StringComparer.Ordinal));
    }

    /// <summary>Acceptance 3: for every case, the case page, the case list's badge, the Overdue page and the stage export say the same status for each clock.</summary>
    [Fact]
    public async Task The_case_page_list_badge_overdue_page_and_stage_export_agree_on_every_clock()
    {
        var oracle = await AtAsync(FirstToday);
        using var client = await Factory.CreateClientForAsync(Roles.Analyst);
        var export = Table(await client.GetByteArrayAsync("/reports/stages.csv")).ToDictionary(r => int.Parse(r["stage_id"], CultureInfo.InvariantCulture), r => r["clock_status_code"]);
        var overdue = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var rows = OverdueRow().Matches(await client.GetStringAsync($"/overdue?pageSize=100&page={page}"));
            foreach (Match row in rows)
            {
                overdue[row.Groups[2].Success ? "stage " + row.Groups[2].Value : "case " + row.Groups[1].Value] = row.Groups[3].Value;
            }

            if (rows.Count < 100)
            {
                break;
            }
        }

        Assert.NotEmpty(overdue);
        var listBadges = new Dictionary<int, string>();
        for (var page = 1; ; page++)
        {
            var rows = (await client.GetStringAsync($"/cases?pageSize=100&page={page}")).Split("<tr", StringSplitOptions.None)
                .Select(row => (Case: CaseLink().Match(row), Badge: Regex.Match(row, "<td class=\"case-clocks\">\\s*<span class=\"badge clock-badge[^\"]*\" data-clock-status=\"(\\w+)\"")))
                .Where(r => r.Case.Success && r.Badge.Success)
                .ToList();
            foreach (var (link, badge) in rows)
            {
                listBadges[int.Parse(link.Groups[1].Value, CultureInfo.InvariantCulture)] = badge.Groups[1].Value;
            }

            if (rows.Count < 100)
            {
                break;
            }
        }

        Assert.Equal(Cases.Count, listBadges.Count);
        foreach (var c in Cases)
        {
            var html = await client.GetStringAsync($"/cases/{c.Id}");
            var caseStatus = CaseClockOnPage().Match(html).Groups[1].Value;
            var expectedCase = oracle.CaseClock(c).Status.ToString();
            Assert.True(expectedCase == caseStatus, $"case {c.Id}: page says {caseStatus}, expected {expectedCase}");
            Assert.Equal(expectedCase, listBadges[c.Id]);
            if (overdue.TryGetValue("case " + c.Id, out var listedCase))
            {
                Assert.Equal(expectedCase, listedCase);
            }

            foreach (var stage in c.Stages)
            {
                var expected = oracle.StageClock(c, stage).Status.ToString();
                var article = Regex.Match(html, $"data-stage-id=\"{stage.Id}\"(.*?)</article>", RegexOptions.Singleline);
                Assert.True(article.Success, $"stage {stage.Id} is not on its case page");
                var onPage = Regex.Match(article.Groups[1].Value, "data-clock-status=\"(\\w+)\"") is { Success: true } badge ? badge.Groups[1].Value : nameof(ClockStatus.NotApplicable);
                Assert.True(expected == onPage, $"stage {stage.Id}: case page says {onPage}, expected {expected}");
                Assert.Equal(expected, export[stage.Id]);
                if (overdue.TryGetValue("stage " + stage.Id, out var listedStage))
                {
                    Assert.Equal(expected, listedStage);
                }
            }
        }
    }

    /// <summary>The app whose clock reads <paramref name="today"/> (noon in London), and the oracle for that day.</summary>
    private async Task<OracleCalculator> AtAsync(string today)
    {
        _app = await fixture.AtAsync(today);
        return _app.Oracle;
    }

    private async Task<HttpClient> ApiAsync() => ApiClient.WithToken(Factory, await ApiClient.IssueTokenAsync(Factory, Roles.Analyst));

    /// <summary>A CSV export as rows keyed by column name.</summary>
    private static List<Dictionary<string, string>> Table(byte[] bytes)
    {
        var rows = IndependentReaders.Csv(bytes);
        var header = rows[0];
        return [.. rows.Skip(1).Select(r => header.Select((name, i) => (name, value: r[i])).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal))];
    }

    private static string Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Dash(string text) => text == "–" ? string.Empty : text;

    private static void AssertNumber(double? expected, string actual, double tolerance, string where)
    {
        if (expected is not { } value)
        {
            Assert.True(actual.Length == 0, $"{where}: expected no value, got '{actual}'");
            return;
        }

        Assert.True(double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed), $"{where}: expected {value}, got '{actual}'");
        Assert.True(Math.Abs(parsed - value) <= tolerance, $"{where}: expected {value}, got {parsed}");
    }

    private static void AssertCount(int? expected, string actual, string where) =>
        Assert.True((expected?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) == actual, $"{where}: expected '{expected}', got '{actual}'");

    [GeneratedRegex("<tr data-case-id=\"(\\d+)\"(?: data-stage-id=\"(\\d+)\")? data-clock=\"[^\"]*\">.*?data-clock-status=\"(\\w+)\"", RegexOptions.Singleline)]
    private static partial Regex OverdueRow();

    [GeneratedRegex("href=\"/cases/(\\d+)\"")]
    private static partial Regex CaseLink();

    [GeneratedRegex("<dd class=\"case-status-clock\"><span class=\"badge clock-badge[^\"]*\" data-clock-status=\"(\\w+)\"")]
    private static partial Regex CaseClockOnPage();
}
