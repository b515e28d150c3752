using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Exports;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Analysis;

/// <summary>
/// Issue 16: a limit scenario's counts, worked out here from the stored stage rows with .NET's own date arithmetic,
/// must match the page, the CSV and Excel exports and the API; stages on either side of each limit's last day are
/// included, and month-precision dates are left out (not assessed).
/// </summary>
public sealed partial class ScenarioTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>, IAsyncLifetime
{
    private const string Force = "Cumbria Constabulary";
    private static readonly ScenarioLimitTerms Cps = new(StageKind.CpsDecision, 3, LimitUnit.Months);
    private static readonly ScenarioLimitTerms Iopc = new(StageKind.IopcInvestigation, 365, LimitUnit.CalendarDays);
    private int _scenarioId;

    public async Task InitializeAsync() => _scenarioId = await factory.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<TrackerDbContext>();
        var existing = await db.LimitScenarios.Where(x => x.Name == "Cumbria test").Select(x => x.Id).FirstOrDefaultAsync();
        if (existing != 0)
        {
            return existing;
        }

        var now = factory.Time.GetUtcNow().UtcDateTime;
        var a = NewCase("ATC-2020-0771", "Cumbria A", PartialDate.OnDay(2020, 1, 10), OperationCategory.CounterTerrorism, now);
        a.AddStage(StageKind.CpsDecision, "ends on the due day", PartialDate.OnDay(2020, 1, 31), PartialDate.OnDay(2020, 4, 30), null, now);
        a.AddStage(StageKind.CpsDecision, "one day over", PartialDate.OnDay(2020, 1, 31), PartialDate.OnDay(2020, 5, 1), null, now);
        a.AddStage(StageKind.CpsDecision, "30 Nov + 3 months is 28 Feb", PartialDate.OnDay(2020, 11, 30), PartialDate.OnDay(2021, 2, 28), null, now);
        a.AddStage(StageKind.CpsDecision, "1 Mar is over", PartialDate.OnDay(2020, 11, 30), PartialDate.OnDay(2021, 3, 1), null, now);
        a.AddStage(StageKind.IopcInvestigation, "365 days", PartialDate.OnDay(2020, 1, 15), PartialDate.OnDay(2021, 1, 14), null, now);
        a.AddStage(StageKind.IopcInvestigation, "366 days", PartialDate.OnDay(2020, 1, 15), PartialDate.OnDay(2021, 1, 15), null, now);
        var b = NewCase("ATC-2021-0772", "Cumbria B", PartialDate.OnDay(2021, 6, 1), OperationCategory.RoutinePolicing, now);
        b.AddStage(StageKind.CpsDecision, "running, due tomorrow", PartialDate.OnDay(2026, 8, 24), null, null, now);
        b.AddStage(StageKind.CpsDecision, "running, due yesterday", PartialDate.OnDay(2026, 8, 22), null, null, now);
        b.AddStage(StageKind.CpsDecision, "month precision", PartialDate.InMonth(2021, 7), PartialDate.OnDay(2021, 12, 1), null, now);
        b.AddStage(StageKind.IopcInvestigation, "running long", PartialDate.OnDay(2025, 1, 1), null, null, now);
        b.AddStage(StageKind.Inquest, "not in the scenario", PartialDate.OnDay(2021, 7, 1), null, null, now);
        var c = NewCase("ATC-2019-0773", "Cumbria C", PartialDate.InMonth(2019, 5), OperationCategory.NotKnown, now);
        c.AddStage(StageKind.CpsDecision, "quick", PartialDate.OnDay(2019, 6, 1), PartialDate.OnDay(2019, 6, 20), null, now);
        db.Cases.AddRange(a, b, c);
        var scenario = LimitScenario.Create("Cumbria test", "CPS 3 months, IOPC 365 days, 5 years overall", [Cps, Iopc], 60, "test", now);
        db.LimitScenarios.Add(scenario);
        await db.SaveChangesAsync();
        return scenario.Id;
    });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Page_exports_and_api_agree_with_counts_worked_out_here_from_the_stored_rows()
    {
        var expected = await ExpectedAsync();
        Assert.Equal(3, expected[StageKind.CpsDecision].Breaches.Count); // the checks below are not vacuous
        Assert.Equal(2, expected[StageKind.IopcInvestigation].Breaches.Count);
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var query = "?force=" + Uri.EscapeDataString(Force);

        var html = await client.GetStringAsync($"/analysis/scenarios/{_scenarioId}" + query);
        foreach (var (kind, e) in expected)
        {
            var row = LimitRow().Matches(html).Single(m => m.Groups["code"].Value == kind.ToString());
            Assert.Equal(e.Breaches.Count.ToString(CultureInfo.InvariantCulture), row.Groups["breaches"].Value);
            Assert.Equal(e.RuleBreaches.ToString(CultureInfo.InvariantCulture), row.Groups["rules"].Value);
        }

        var limits = IndependentReaders.Csv(await client.GetByteArrayAsync($"/analysis/scenarios/{_scenarioId}/limits.csv" + query));
        var header = limits[0];
        foreach (var (kind, e) in expected)
        {
            var row = limits.Single(r => r[header.IndexOf("limit_code")] == kind.ToString());
            Assert.Equal(e.Stages, int.Parse(row[header.IndexOf("stages")], CultureInfo.InvariantCulture));
            Assert.Equal(e.Assessed, int.Parse(row[header.IndexOf("assessed")], CultureInfo.InvariantCulture));
            Assert.Equal(e.Breaches.Count, int.Parse(row[header.IndexOf("scenario_breaches")], CultureInfo.InvariantCulture));
            Assert.Equal(e.Breaches.Select(b => b.CaseId).Distinct().Count(), int.Parse(row[header.IndexOf("scenario_cases")], CultureInfo.InvariantCulture));
            Assert.Equal(e.RuleBreaches, int.Parse(row[header.IndexOf("rule_breaches")], CultureInfo.InvariantCulture));
        }

        var whole = limits.Single(r => r[header.IndexOf("limit_code")] == "WholeCase");
        Assert.Equal("2", whole[header.IndexOf("scenario_breaches")]); // A and B are open more than 60 months after an exact-day incident; C's incident is a month

        var allBreaches = expected.Values.SelectMany(e => e.Breaches).OrderBy(b => b.StageId).ToList();
        var stages = IndependentReaders.Csv(await client.GetByteArrayAsync($"/analysis/scenarios/{_scenarioId}/stages.csv" + query));
        var stageHeader = stages[0];
        Assert.Equal(allBreaches.Select(b => b.StageId), stages.Skip(1).Select(r => int.Parse(r[stageHeader.IndexOf("stage_id")], CultureInfo.InvariantCulture)).Order());
        var listed = stages.Skip(1).Select(r => (Reference: r[stageHeader.IndexOf("case_reference")], Start: r[stageHeader.IndexOf("start_date")], Id: int.Parse(r[stageHeader.IndexOf("stage_id")], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(listed.OrderBy(r => r.Reference, StringComparer.Ordinal).ThenBy(r => r.Start, StringComparer.Ordinal).ThenBy(r => r.Id), listed); // by case reference, start, stage
        Assert.True(listed.Select(r => r.Reference).Distinct().Count() > 1);
        foreach (var b in allBreaches)
        {
            var row = stages.Single(r => r[stageHeader.IndexOf("stage_id")] == b.StageId.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(b.DueBy, DateOnly.ParseExact(row[stageHeader.IndexOf("scenario_due_date")], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(b.DaysOver, int.Parse(row[stageHeader.IndexOf("scenario_days_over")], CultureInfo.InvariantCulture));
        }

        var xlsx = IndependentReaders.Xlsx(await client.GetByteArrayAsync($"/analysis/scenarios/{_scenarioId}/stages.xlsx" + query));
        var sheet = xlsx.Sheets["Data"];
        Assert.Equal(stageHeader, sheet.Rows[0].Select(c => c.Text).ToList());
        Assert.Equal(allBreaches.Select(b => b.StageId), sheet.Rows.Skip(1).Select(r => (int)r[stageHeader.IndexOf("stage_id")].Number!.Value).Order());
        Assert.All(sheet.Rows.Skip(1), r => Assert.NotNull(r[stageHeader.IndexOf("scenario_due_date")].Date));

        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/analysis/scenarios/{_scenarioId}" + query)).RootElement;
        foreach (var (kind, e) in expected)
        {
            var limit = json.GetProperty("figures").GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("code").GetString() == kind.ToString());
            Assert.Equal(e.Breaches.Count, limit.GetProperty("scenarioBreaches").GetInt32());
            Assert.Equal(e.RuleBreaches, limit.GetProperty("ruleBreaches").GetInt32());
        }

        Assert.Equal(allBreaches.Count, json.GetProperty("breaches").GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/exports/scenarios/{_scenarioId}/groups.csv" + query)).StatusCode);
    }

    [Fact]
    public async Task A_scenario_form_refuses_a_bad_limit_beside_its_field_and_saves_nothing()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var page = await client.GetStringAsync("/analysis/scenarios/new");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var count = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().LimitScenarios.CountAsync());

        using var response = await client.PostAsync("/analysis/scenarios/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "Bad", ["Limits[0].Kind"] = "IopcInvestigation", ["Limits[0].Amount"] = "", ["Limits[1].Kind"] = "CpsDecision", ["Limits[1].Amount"] = "0", ["Limits[1].Unit"] = "Months",
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Limits_1_Amount-error\">A limit is a whole number from 1 to 3650.<", html);
        Assert.Equal(count, await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().LimitScenarios.CountAsync()));
    }

    [Fact]
    public async Task Researchers_cannot_open_scenarios()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/analysis/scenarios/{_scenarioId}")).StatusCode);
    }

    private sealed record Breach(int StageId, int CaseId, DateOnly DueBy, int DaysOver);

    private sealed record Expected(int Stages, int Assessed, List<Breach> Breaches, int RuleBreaches);

    /// <summary>The scenario worked out from the stored rows: .NET's AddMonths/AddDays, today from the test clock.</summary>
    private async Task<Dictionary<StageKind, Expected>> ExpectedAsync()
    {
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var rows = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking()
            .Where(x => x.Case.Force == Force && (x.Kind == StageKind.CpsDecision || x.Kind == StageKind.IopcInvestigation))
            .Select(x => new { x.Id, x.CaseId, x.Kind, x.StartOn, x.StartPrecision, x.HasEnded, x.EndOn, x.EndPrecision, x.Clock.Phase, x.Clock.DueLatest, x.Clock.FinalStatus })
            .ToListAsync());
        var result = new Dictionary<StageKind, Expected>();
        foreach (var limit in new[] { Cps, Iopc })
        {
            var of = rows.Where(r => r.Kind == limit.Kind).ToList();
            var assessed = of.Where(r => r.StartPrecision == DatePrecision.Day && (!r.HasEnded || r.EndPrecision == DatePrecision.Day)).ToList();
            var breaches = new List<Breach>();
            foreach (var r in assessed)
            {
                var due = limit.Unit == LimitUnit.Months ? r.StartOn!.Value.AddMonths(limit.Amount) : r.StartOn!.Value.AddDays(limit.Amount);
                var end = r.HasEnded ? r.EndOn!.Value : today;
                if (end > due)
                {
                    breaches.Add(new Breach(r.Id, r.CaseId, due, end.DayNumber - due.DayNumber));
                }
            }

            var ruleBreaches = of.Count(r => (r.Phase == ClockPhase.Running && r.DueLatest < today) || (r.Phase == ClockPhase.Ended && r.FinalStatus == ClockStatus.ConcludedLate));
            result[limit.Kind] = new Expected(of.Count, assessed.Count, breaches, ruleBreaches);
        }

        return result;
    }

    private static Case NewCase(string reference, string title, PartialDate incident, OperationCategory category, DateTime now) =>
        Case.Open(reference, new CaseParticulars(title, "not published", incident, null, "Carlisle", Force, IncidentType.Shooting, Harm.Fatal, category, null), now);

    [GeneratedRegex("<tr data-limit=\"(?<code>[^\"]*)\">(?:(?!</tr>).)*?data-scenario-breaches=\"(?<breaches>\\d+)\"(?:(?!</tr>).)*?data-rule-breaches=\"(?<rules>\\d+)\"", RegexOptions.Singleline)]
    private static partial Regex LimitRow();
}
