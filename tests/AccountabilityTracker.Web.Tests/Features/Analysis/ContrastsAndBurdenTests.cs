using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Exports;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Analysis;

/// <summary>
/// Issue 16, acceptance 2: outcome contrasts and officer burden, worked out here from the stored rows (outcome types,
/// stage dates, officers), must match the pages, the CSV exports and the API; W80's burden reads 9 years 10 months.
/// </summary>
public sealed partial class ContrastsAndBurdenTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>, IAsyncLifetime
{
    private const string Force = "Durham Constabulary";
    private static readonly string Query = "?force=" + Uri.EscapeDataString(Force);

    public async Task InitializeAsync() => await factory.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<TrackerDbContext>();
        if (await db.Cases.AnyAsync(c => c.Force == Force))
        {
            return 0;
        }

        var now = factory.Time.GetUtcNow().UtcDateTime;
        var a = NewCase("ATC-2018-0881", "Durham A", PartialDate.OnDay(2018, 3, 1), OperationCategory.CounterTerrorism, now);
        a.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2018, 3, 2), PartialDate.OnDay(2019, 1, 10), "Case to answer for gross misconduct", now);
        a.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2019, 1, 10), PartialDate.OnDay(2019, 6, 1), "Charge authorised: charged with manslaughter", now);
        a.AddStage(StageKind.CriminalTrial, "Trial", PartialDate.OnDay(2020, 2, 1), PartialDate.OnDay(2020, 3, 15), "Convicted of manslaughter", now);
        a.AddStage(StageKind.MisconductProceedings, "Hearing", PartialDate.OnDay(2020, 6, 1), PartialDate.OnDay(2020, 9, 30), "Dismissed without notice", now);
        a.AddOfficer("D1", "Restricted Name", false, null, now);
        var b = NewCase("ATC-2019-0882", "Durham B", PartialDate.OnDay(2019, 5, 5), OperationCategory.CounterTerrorism, now);
        b.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2019, 5, 5), PartialDate.OnDay(2020, 1, 20), "No case to answer", now);
        b.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2019, 12, 1), null, null, now);
        b.AddOfficer("D2", null, false, null, now);
        b.AddOfficer(null, "Hidden Person", false, null, now);
        var c = NewCase("ATC-2021-0883", "Durham C", PartialDate.OnDay(2021, 2, 2), OperationCategory.RoutinePolicing, now);
        c.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2021, 2, 3), PartialDate.OnDay(2021, 8, 1), "Case to answer for misconduct", now);
        c.AddStage(StageKind.MisconductProceedings, "Meeting", PartialDate.OnDay(2021, 9, 1), PartialDate.OnDay(2021, 10, 1), "Misconduct proven: final written warning", now);
        c.AddOfficer("D3", null, false, null, now);
        db.Cases.AddRange(a, b, c);
        return await db.SaveChangesAsync();
    });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Contrasts_on_the_page_in_the_csv_and_from_the_api_match_the_stored_outcome_types()
    {
        var stages = await StagesAsync();
        var cases = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking().Where(c => c.Force == Force)
            .Select(c => new { c.Id, c.Category, c.IncidentOn }).ToListAsync());
        DateOnly? First(int caseId, Func<OutcomeType, StageKind, bool> match) =>
            stages.Where(s => s.CaseId == caseId && s.HasEnded && match(s.OutcomeType, s.Kind)).Min(s => s.EndOn);
        var expected = cases.GroupBy(c => c.Category).ToDictionary(g => g.Key.ToString(), g => new Dictionary<string, (int Cases, List<int> Days)>
        {
            ["charged"] = Count(g.Select(c => (c.IncidentOn, First(c.Id, (o, _) => o == OutcomeType.Charged)))),
            ["convicted"] = Count(g.Select(c => (c.IncidentOn, First(c.Id, (o, _) => o == OutcomeType.Convicted)))),
            ["misconduct_case_to_answer"] = Count(g.Select(c => (c.IncidentOn, First(c.Id, (o, _) => o is OutcomeType.CaseToAnswerGrossMisconduct or OutcomeType.CaseToAnswerMisconduct)))),
            ["dismissed"] = Count(g.Select(c => (c.IncidentOn, First(c.Id, (o, k) => o == OutcomeType.Dismissed && k == StageKind.MisconductProceedings)))),
            ["final_outcome"] = Count(g.Select(c => (c.IncidentOn, stages.Any(s => s.CaseId == c.Id && !s.HasEnded) ? null : stages.Where(s => s.CaseId == c.Id).Max(s => s.EndOn)))),
        });
        Assert.Equal(1, expected["CounterTerrorism"]["convicted"].Cases); // the seeded outcomes were classified as intended
        Assert.Equal(2, expected["CounterTerrorism"]["misconduct_case_to_answer"].Cases + expected["RoutinePolicing"]["misconduct_case_to_answer"].Cases);

        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/contrasts" + Query);
        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/analysis/contrasts.csv" + Query));
        var h = csv[0];
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/contrasts" + Query)).RootElement;
        foreach (var (group, events) in expected)
        {
            var groupCases = cases.Count(c => c.Category.ToString() == group);
            Assert.Contains($"<tr data-group=\"{group}\">", html, StringComparison.Ordinal);
            Assert.Matches($"<tr data-group=\"{group}\">\\s*<th scope=\"row\">[^<]*<span class=\"badge text-bg-warning\">small</span>", html); // fewer than 5 cases
            var apiGroup = json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == group);
            foreach (var (name, e) in events)
            {
                var row = csv.Single(r => r[h.IndexOf("group_code")] == group && r[h.IndexOf("event")] == name);
                Assert.Equal(groupCases.ToString(CultureInfo.InvariantCulture), row[h.IndexOf("cases")]);
                Assert.Equal("true", row[h.IndexOf("small_group")]);
                Assert.Equal(e.Cases.ToString(CultureInfo.InvariantCulture), row[h.IndexOf("event_cases")]);
                Assert.Equal(Median(e.Days)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, row[h.IndexOf("median_days")]);
                var median = $" data-median=\"{Median(e.Days)?.ToString(CultureInfo.InvariantCulture)}\"";
                Assert.Contains($"data-event=\"{name}\" data-cases=\"{e.Cases}\"{median}>{e.Cases} of {groupCases}<", html, StringComparison.Ordinal);
                var apiEvent = apiGroup.GetProperty("events").EnumerateArray().Single(x => x.GetProperty("event").GetString() == name);
                Assert.Equal(e.Cases, apiEvent.GetProperty("cases").GetInt32());
            }
        }
    }

    [Fact]
    public async Task Burden_per_officer_and_its_distribution_match_the_stored_stages_and_names_stay_masked()
    {
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var stages = await StagesAsync();
        var officers = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Officers.AsNoTracking().Where(o => o.Case.Force == Force)
            .Select(o => new { o.Id, o.CaseId, o.Cipher, o.Case.IncidentOn }).ToListAsync());
        var expected = officers.ToDictionary(o => o.Id, o =>
        {
            var ends = stages.Where(s => s.CaseId == o.CaseId).Select(s => s.HasEnded ? s.EndOn!.Value : today).ToList();
            return ends.Max().DayNumber - o.IncidentOn!.Value.DayNumber;
        });

        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/burden" + Query);
        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/analysis/burden.csv" + Query));
        var h = csv[0];
        foreach (var (id, days) in expected)
        {
            Assert.Contains($"<tr data-officer=\"{id}\" data-days=\"{days}\">", html, StringComparison.Ordinal);
            Assert.Equal(days.ToString(CultureInfo.InvariantCulture), csv.Single(r => r[h.IndexOf("officer_id")] == id.ToString(CultureInfo.InvariantCulture))[h.IndexOf("days")]);
        }

        Assert.Equal(Median([.. expected.Values])?.ToString(CultureInfo.InvariantCulture), BurdenMedian().Match(html).Groups[1].Value);
        Assert.DoesNotContain("Restricted Name", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", html, StringComparison.Ordinal);
        Assert.Contains("Officer (name restricted)", html, StringComparison.Ordinal);
        Assert.DoesNotContain(csv.SelectMany(r => r), cell => cell.Contains("Hidden Person", StringComparison.Ordinal));

        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/burden" + Query)).RootElement;
        Assert.Equal(expected.Count, json.GetProperty("officers").GetArrayLength());
        Assert.Equal(Median([.. expected.Values]), json.GetProperty("distribution").GetProperty("median").GetDouble());
    }

    [Fact]
    public async Task W80s_burden_reads_nine_years_ten_months()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/burden?force=" + Uri.EscapeDataString("Metropolitan Police Service"));

        Assert.Matches("<th scope=\"row\">W80</th>(?:(?!</tr>).)*9 years 10 months", html.ReplaceLineEndings(" "));
        Assert.Equal("9 years 10 months", GetOfficerBurden.YearsMonths(new DateOnly(2015, 12, 11), new DateOnly(2025, 10, 15)));
    }

    [Fact]
    public async Task Researchers_cannot_open_contrasts_or_burden()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/analysis/burden")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/analysis/contrasts")).StatusCode);
    }

    private sealed record StageRow(int CaseId, StageKind Kind, OutcomeType OutcomeType, bool HasEnded, DateOnly? EndOn);

    private async Task<List<StageRow>> StagesAsync() =>
        await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking()
            .Where(x => x.Case.Force == Force && GetOutcomeContrasts.Proceedings.Contains(x.Kind))
            .Select(x => new StageRow(x.CaseId, x.Kind, x.OutcomeType, x.HasEnded, x.EndOn)).ToListAsync());

    private static (int Cases, List<int> Days) Count(IEnumerable<(DateOnly? Incident, DateOnly? Event)> cases)
    {
        var with = cases.Where(c => c.Event is not null).ToList();
        return (with.Count, [.. with.Select(c => c.Event!.Value.DayNumber - c.Incident!.Value.DayNumber)]);
    }

    /// <summary>Median by linear interpolation, written here independently of the app's statistics.</summary>
    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = 0.5 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        return sorted[low] + ((rank - low) * (sorted[(int)Math.Ceiling(rank)] - sorted[low]));
    }

    private static Case NewCase(string reference, string title, PartialDate incident, OperationCategory category, DateTime now) =>
        Case.Open(reference, new CaseParticulars(title, "not published", incident, null, "Durham", Force, IncidentType.Shooting, Harm.Fatal, category, null), now);

    [GeneratedRegex("data-median=\"([^\"]*)\"")]
    private static partial Regex BurdenMedian();
}
