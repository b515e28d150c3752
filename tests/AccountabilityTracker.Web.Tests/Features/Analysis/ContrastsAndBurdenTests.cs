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
/// stage dates, officers, officer events), must match the pages, the CSV and xlsx exports and the API; W80's burden reads
/// 9 years 10 months. The officer events include a removed arrest (never counted), an open restricted-duties period (runs
/// to today), two overlapping suspensions (counted once), and month-precision events (counted, not timed or measured).
/// </summary>
public sealed partial class ContrastsAndBurdenTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>, IAsyncLifetime
{
    private const string Force = "Durham Constabulary";
    private static readonly string Query = "?force=" + Uri.EscapeDataString(Force);
    private static readonly string[] BurdenColumns = ["days", "days_suspended", "days_restricted_duties", "days_suspended_or_restricted", "unmeasured_periods"];
    private static readonly string[] FlagColumns = ["arrested", "interviewed_under_caution", "charged"];

    public async Task InitializeAsync() => await factory.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<TrackerDbContext>();
        if (await db.Cases.AnyAsync(c => c.Force == Force))
        {
            return 0;
        }

        var now = factory.Time.GetUtcNow().UtcDateTime;
        var a = NewCase("ATC-2018-0881", "Durham A", PartialDate.OnDay(2018, 3, 1), OperationCategory.CounterTerrorism, now);
        a.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2018, 3, 2), PartialDate.OnDay(2019, 1, 10), "Case to answer for gross misconduct", now, outcomeType: OutcomeType.CaseToAnswerGrossMisconduct);
        a.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2019, 1, 10), PartialDate.OnDay(2019, 6, 1), "Charge authorised: charged with manslaughter", now, outcomeType: OutcomeType.Charged);
        a.AddStage(StageKind.CriminalTrial, "Trial", PartialDate.OnDay(2020, 2, 1), PartialDate.OnDay(2020, 3, 15), "Convicted of manslaughter", now, outcomeType: OutcomeType.Convicted);
        a.AddStage(StageKind.MisconductProceedings, "Hearing", PartialDate.OnDay(2020, 6, 1), PartialDate.OnDay(2020, 9, 30), "Dismissed without notice", now, outcomeType: OutcomeType.Dismissed);
        var d1 = a.AddOfficer("D1", "Restricted Name", false, null, now);
        a.AddOfficerEvent(d1, OfficerEventKind.Arrested, PartialDate.OnDay(2018, 3, 5), null, null, now);
        a.AddOfficerEvent(d1, OfficerEventKind.InterviewedUnderCaution, PartialDate.InMonth(2018, 4), null, "month only", now);
        a.AddOfficerEvent(d1, OfficerEventKind.Charged, PartialDate.OnDay(2019, 1, 20), null, null, now);
        a.AddOfficerEvent(d1, OfficerEventKind.Suspended, PartialDate.OnDay(2018, 3, 5), PartialDate.OnDay(2019, 3, 5), null, now);
        a.AddOfficerEvent(d1, OfficerEventKind.Suspended, PartialDate.OnDay(2018, 12, 1), PartialDate.OnDay(2019, 6, 1), "overlaps the first", now);
        a.AddOfficerEvent(d1, OfficerEventKind.RestrictedDuties, PartialDate.OnDay(2019, 6, 1), null, "still running", now);
        var b = NewCase("ATC-2019-0882", "Durham B", PartialDate.OnDay(2019, 5, 5), OperationCategory.CounterTerrorism, now);
        b.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2019, 5, 5), PartialDate.OnDay(2020, 1, 20), "No case to answer", now, outcomeType: OutcomeType.NoCaseToAnswer);
        b.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2019, 12, 1), null, null, now);
        var d2 = b.AddOfficer("D2", null, false, null, now);
        var hidden = b.AddOfficer(null, "Hidden Person", false, null, now);
        b.AddOfficerEvent(d2, OfficerEventKind.Arrested, PartialDate.OnDay(2019, 5, 6), null, "recorded in error", now).Remove(now);
        b.AddOfficerEvent(d2, OfficerEventKind.Suspended, PartialDate.OnDay(2019, 5, 6), PartialDate.OnDay(2021, 5, 6), "recorded in error", now).Remove(now);
        b.AddOfficerEvent(d2, OfficerEventKind.InterviewedUnderCaution, PartialDate.OnDay(2019, 6, 10), null, null, now);
        b.AddOfficerEvent(hidden, OfficerEventKind.Suspended, PartialDate.InMonth(2019, 7), PartialDate.OnDay(2019, 9, 1), "start known to the month", now);
        b.AddOfficerEvent(hidden, OfficerEventKind.RestrictedDuties, PartialDate.OnDay(2019, 9, 1), PartialDate.OnDay(2020, 1, 1), null, now);
        var c = NewCase("ATC-2021-0883", "Durham C", PartialDate.OnDay(2021, 2, 2), OperationCategory.RoutinePolicing, now);
        c.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2021, 2, 3), PartialDate.OnDay(2021, 8, 1), "Case to answer for misconduct", now, outcomeType: OutcomeType.CaseToAnswerMisconduct);
        c.AddStage(StageKind.MisconductProceedings, "Meeting", PartialDate.OnDay(2021, 9, 1), PartialDate.OnDay(2021, 10, 1), "Misconduct proven: final written warning", now, outcomeType: OutcomeType.Proven);
        var d3 = c.AddOfficer("D3", null, false, null, now);
        c.AddOfficerEvent(d3, OfficerEventKind.Arrested, PartialDate.OnDay(2021, 2, 3), null, null, now);
        c.AddOfficerEvent(d3, OfficerEventKind.Charged, PartialDate.OnDay(2021, 5, 1), null, null, now);
        c.AddOfficerEvent(d3, OfficerEventKind.Suspended, PartialDate.OnDay(2021, 2, 3), PartialDate.OnDay(2021, 10, 1), null, now);
        c.AddOfficerEvent(d3, OfficerEventKind.RestrictedDuties, PartialDate.OnDay(2021, 6, 1), PartialDate.OnDay(2021, 12, 1), "overlaps the suspension", now);
        db.Cases.AddRange(a, b, c);
        return await db.SaveChangesAsync();
    });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Contrasts_on_the_page_in_the_exports_and_from_the_api_match_the_stored_outcome_types_and_officer_events()
    {
        var stages = await StagesAsync();
        var events = await EventsAsync();
        var cases = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking().Where(c => c.Force == Force)
            .Select(c => new { c.Id, c.Category, c.IncidentOn }).ToListAsync());
        IEnumerable<(DateOnly? Day, DatePrecision Precision)> Stage(int caseId, Func<OutcomeType, StageKind, bool> match) =>
            stages.Where(s => s.CaseId == caseId && s.HasEnded && match(s.OutcomeType, s.Kind)).Select(s => (s.EndOn, DatePrecision.Day));
        IEnumerable<(DateOnly? Day, DatePrecision Precision)> Officer(int caseId, OfficerEventKind kind) =>
            events.Where(e => e.CaseId == caseId && !e.IsRemoved && e.Kind == kind).Select(e => (e.OccurredOn, e.Precision));
        IEnumerable<(DateOnly? Day, DatePrecision Precision)> Final(int caseId) =>
            stages.Any(s => s.CaseId == caseId && !s.HasEnded) || !stages.Any(s => s.CaseId == caseId) ? [] : [(stages.Where(s => s.CaseId == caseId).Max(s => s.EndOn), DatePrecision.Day)];
        var expected = cases.GroupBy(c => c.Category).ToDictionary(g => g.Key.ToString(), g => new Dictionary<string, (int Cases, List<double> Days)>
        {
            ["arrested"] = Count(g.Select(c => (c.IncidentOn, Officer(c.Id, OfficerEventKind.Arrested)))),
            ["interviewed_under_caution"] = Count(g.Select(c => (c.IncidentOn, Officer(c.Id, OfficerEventKind.InterviewedUnderCaution)))),
            ["charged"] = Count(g.Select(c => (c.IncidentOn, Stage(c.Id, (o, _) => o == OutcomeType.Charged).Concat(Officer(c.Id, OfficerEventKind.Charged))))),
            ["convicted"] = Count(g.Select(c => (c.IncidentOn, Stage(c.Id, (o, _) => o == OutcomeType.Convicted)))),
            ["misconduct_case_to_answer"] = Count(g.Select(c => (c.IncidentOn, Stage(c.Id, (o, _) => o is OutcomeType.CaseToAnswerGrossMisconduct or OutcomeType.CaseToAnswerMisconduct)))),
            ["dismissed"] = Count(g.Select(c => (c.IncidentOn, Stage(c.Id, (o, k) => o == OutcomeType.Dismissed && k == StageKind.MisconductProceedings)))),
            ["final_outcome"] = Count(g.Select(c => (c.IncidentOn, Final(c.Id)))),
        });

        // The seeded outcomes and events were read as intended: the removed arrest does not count, the month-precision
        // interview (April 2018: 31 to 60 days) counts at the middle of its range, and a charge event earlier than the
        // charging decision sets the day.
        Assert.Equal(1, expected["CounterTerrorism"]["convicted"].Cases);
        Assert.Equal(2, expected["CounterTerrorism"]["misconduct_case_to_answer"].Cases + expected["RoutinePolicing"]["misconduct_case_to_answer"].Cases);
        var terrorism = expected["CounterTerrorism"];
        Assert.Equal(1, terrorism["arrested"].Cases);
        Assert.Equal([4], terrorism["arrested"].Days);
        Assert.Equal(2, terrorism["interviewed_under_caution"].Cases);
        Assert.Equal([45.5, 36], terrorism["interviewed_under_caution"].Days);
        Assert.Equal(1, terrorism["charged"].Cases);
        Assert.Equal([325], terrorism["charged"].Days);
        Assert.Equal(1, expected["RoutinePolicing"]["charged"].Cases);

        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/contrasts" + Query);
        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/analysis/contrasts.csv" + Query));
        var h = csv[0];
        var sheet = IndependentReaders.Xlsx(await client.GetByteArrayAsync("/analysis/contrasts.xlsx" + Query)).Sheets["Data"].Rows;
        var x = sheet[0].Select(cell => cell.Text).ToList();
        Assert.Equal(h, x);
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/contrasts" + Query)).RootElement;
        Assert.Equal(GetOutcomeContrasts.Events, csv.Skip(1).Where(r => r[h.IndexOf("group_code")] == "all").Select(r => r[h.IndexOf("event")]));
        foreach (var (group, events2) in expected)
        {
            var groupCases = cases.Count(c => c.Category.ToString() == group);
            Assert.Contains($"<tr data-group=\"{group}\">", html, StringComparison.Ordinal);
            Assert.Matches($"<tr data-group=\"{group}\">\\s*<th scope=\"row\">[^<]*<span class=\"badge text-bg-warning\">small</span>", html); // fewer than 5 cases
            var apiGroup = json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == group);
            foreach (var (name, e) in events2)
            {
                var median = Median(e.Days);
                var row = csv.Single(r => r[h.IndexOf("group_code")] == group && r[h.IndexOf("event")] == name);
                Assert.Equal(groupCases.ToString(CultureInfo.InvariantCulture), row[h.IndexOf("cases")]);
                Assert.Equal("true", row[h.IndexOf("small_group")]);
                Assert.Equal(e.Cases.ToString(CultureInfo.InvariantCulture), row[h.IndexOf("event_cases")]);
                Assert.Equal(e.Days.Count.ToString(CultureInfo.InvariantCulture), row[h.IndexOf("timed_cases")]);
                Assert.Equal(median?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, row[h.IndexOf("median_days")]);
                var cells = sheet.Single(r => r[x.IndexOf("group_code")].Text == group && r[x.IndexOf("event")].Text == name);
                Assert.Equal(e.Cases, cells[x.IndexOf("event_cases")].Number);
                Assert.Equal(median, cells.ElementAtOrDefault(x.IndexOf("median_days"))?.Number);
                Assert.Contains($"data-event=\"{name}\" data-cases=\"{e.Cases}\" data-median=\"{median?.ToString(CultureInfo.InvariantCulture)}\">{e.Cases} of {groupCases}<", html, StringComparison.Ordinal);
                var apiEvent = apiGroup.GetProperty("events").EnumerateArray().Single(v => v.GetProperty("event").GetString() == name);
                Assert.Equal(e.Cases, apiEvent.GetProperty("cases").GetInt32());
                var apiMedian = apiEvent.GetProperty("daysFromIncident").GetProperty("median");
                Assert.Equal(median, apiMedian.ValueKind == JsonValueKind.Null ? null : apiMedian.GetDouble());
            }
        }
    }

    [Fact]
    public async Task Burden_per_officer_and_its_distributions_match_the_stored_stages_and_officer_events_and_names_stay_masked()
    {
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var stages = await StagesAsync();
        var events = (await EventsAsync()).Where(e => !e.IsRemoved).ToList();
        var officers = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Officers.AsNoTracking().Where(o => o.Case.Force == Force)
            .Select(o => new { o.Id, o.CaseId, o.Cipher, o.Case.IncidentOn }).ToListAsync());

        // Days as a set of calendar days: each measured period adds its days from start (included) to end (excluded; today while open).
        HashSet<int> DaysIn(int officerId, params OfficerEventKind[] kinds) =>
        [
            .. events.Where(e => e.OfficerId == officerId && kinds.Contains(e.Kind) && e.Precision == DatePrecision.Day && e.EndPrecision is null or DatePrecision.Day)
                .SelectMany(e => Enumerable.Range(e.OccurredOn!.Value.DayNumber, (e.EndedOn ?? today).DayNumber - e.OccurredOn!.Value.DayNumber)),
        ];
        var expected = officers.ToDictionary(o => o.Id, o =>
        {
            var ends = stages.Where(s => s.CaseId == o.CaseId).Select(s => s.HasEnded ? s.EndOn!.Value : today).ToList();
            var own = events.Where(e => e.OfficerId == o.Id).ToList();
            return new ExpectedBurden(
                ends.Max().DayNumber - o.IncidentOn!.Value.DayNumber,
                DaysIn(o.Id, OfficerEventKind.Suspended).Count,
                DaysIn(o.Id, OfficerEventKind.RestrictedDuties).Count,
                DaysIn(o.Id, OfficerEventKind.Suspended, OfficerEventKind.RestrictedDuties).Count,
                own.Count(e => e.Kind is OfficerEventKind.Suspended or OfficerEventKind.RestrictedDuties && (e.Precision != DatePrecision.Day || e.EndPrecision is not (null or DatePrecision.Day))),
                own.Any(e => e.Kind == OfficerEventKind.Arrested), own.Any(e => e.Kind == OfficerEventKind.InterviewedUnderCaution), own.Any(e => e.Kind == OfficerEventKind.Charged));
        });
        var d1 = expected[officers.Single(o => o.Cipher == "D1").Id];
        Assert.Equal(new DateOnly(2019, 6, 1).DayNumber - new DateOnly(2018, 3, 5).DayNumber, d1.Suspended); // the overlapping suspensions count once
        Assert.Equal(today.DayNumber - new DateOnly(2019, 6, 1).DayNumber, d1.Restricted); // the open period runs to today
        var d2 = expected[officers.Single(o => o.Cipher == "D2").Id];
        Assert.Equal((0, 0, false), (d2.Suspended, d2.Unmeasured, d2.Arrested)); // the removed arrest and suspension do not count
        Assert.Equal(1, expected[officers.Single(o => o.Cipher is null).Id].Unmeasured); // the month-precision suspension
        var either = expected.Values.Where(e => e.Either > 0).Select(e => e.Either).ToList();
        Assert.Equal(3, either.Count);

        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/burden" + Query);
        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/analysis/burden.csv" + Query));
        var h = csv[0];
        var sheet = IndependentReaders.Xlsx(await client.GetByteArrayAsync("/analysis/burden.xlsx" + Query)).Sheets["Data"].Rows;
        var x = sheet[0].Select(cell => cell.Text).ToList();
        Assert.Equal(h, x);
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/burden" + Query)).RootElement;
        static string Flag(bool value) => value ? "true" : "false";
        foreach (var (id, e) in expected)
        {
            var key = id.ToString(CultureInfo.InvariantCulture);
            Assert.Contains($"<tr data-officer=\"{id}\" data-days=\"{e.Days.ToString(CultureInfo.InvariantCulture)}\" data-days-shortest=\"{e.Days.ToString(CultureInfo.InvariantCulture)}\" data-days-longest=\"{e.Days.ToString(CultureInfo.InvariantCulture)}\" data-suspended=\"{e.Suspended}\" data-restricted=\"{e.Restricted}\" data-either=\"{e.Either}\" data-unmeasured=\"{e.Unmeasured}\" data-arrested=\"{Flag(e.Arrested)}\" data-interviewed=\"{Flag(e.Interviewed)}\" data-charged=\"{Flag(e.Charged)}\">", html, StringComparison.Ordinal);
            var row = csv.Single(r => r[h.IndexOf("officer_id")] == key);
            Assert.Equal(
                new[] { e.Days.ToString(CultureInfo.InvariantCulture), e.Suspended.ToString(CultureInfo.InvariantCulture), e.Restricted.ToString(CultureInfo.InvariantCulture), e.Either.ToString(CultureInfo.InvariantCulture), e.Unmeasured.ToString(CultureInfo.InvariantCulture), Flag(e.Arrested), Flag(e.Interviewed), Flag(e.Charged) },
                BurdenColumns.Concat(FlagColumns).Select(c => row[h.IndexOf(c)]));
            var cells = sheet.Single(r => r[x.IndexOf("officer_id")].Number == id);
            Assert.Equal(new double?[] { e.Days, e.Suspended, e.Restricted, e.Either, e.Unmeasured }, BurdenColumns.Select(c => cells[x.IndexOf(c)].Number));
            Assert.Equal(new bool?[] { e.Arrested, e.Interviewed, e.Charged }, FlagColumns.Select(c => cells[x.IndexOf(c)].Flag));
            var apiRow = json.GetProperty("officers").EnumerateArray().Single(r => r.GetProperty("officerId").GetInt32() == id);
            Assert.Equal((e.Days, e.Suspended, e.Restricted, e.Either, e.Unmeasured, e.Arrested, e.Interviewed, e.Charged), (
                apiRow.GetProperty("days").GetProperty("middle").GetDouble(), apiRow.GetProperty("daysSuspended").GetInt32(), apiRow.GetProperty("daysRestricted").GetInt32(),
                apiRow.GetProperty("daysSuspendedOrRestricted").GetInt32(), apiRow.GetProperty("unmeasuredPeriods").GetInt32(),
                apiRow.GetProperty("arrested").GetBoolean(), apiRow.GetProperty("interviewedUnderCaution").GetBoolean(), apiRow.GetProperty("charged").GetBoolean()));
        }

        Assert.Contains("not measured", html, StringComparison.Ordinal);
        Assert.Equal(Median([.. expected.Values.Select(e => e.Days)])?.ToString(CultureInfo.InvariantCulture), BurdenMedian().Match(html).Groups[1].Value);
        Assert.Equal(Median([.. either.Select(e => (double)e)])?.ToString(CultureInfo.InvariantCulture), SuspendedMedian().Match(html).Groups[1].Value);
        Assert.DoesNotContain("Restricted Name", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", html, StringComparison.Ordinal);
        Assert.Contains("Officer (name restricted)", html, StringComparison.Ordinal);
        Assert.DoesNotContain(csv.SelectMany(r => r), cell => cell.Contains("Hidden Person", StringComparison.Ordinal) || cell.Contains("Restricted Name", StringComparison.Ordinal));
        Assert.DoesNotContain(sheet.SelectMany(r => r), cell => cell.Text.Contains("Hidden Person", StringComparison.Ordinal) || cell.Text.Contains("Restricted Name", StringComparison.Ordinal));

        var apiText = json.GetRawText();
        Assert.DoesNotContain("Hidden Person", apiText, StringComparison.Ordinal);
        Assert.DoesNotContain("Restricted Name", apiText, StringComparison.Ordinal);
        Assert.Equal(expected.Count, json.GetProperty("officers").GetArrayLength());
        Assert.Equal(Median([.. expected.Values.Select(e => e.Days)]), json.GetProperty("distribution").GetProperty("median").GetDouble());
        Assert.Equal(Median([.. either.Select(e => (double)e)]), json.GetProperty("suspendedOrRestricted").GetProperty("median").GetDouble());
        Assert.Equal(either.Count, json.GetProperty("suspendedOrRestricted").GetProperty("count").GetInt32());
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

    private sealed record EventRow(int CaseId, int OfficerId, OfficerEventKind Kind, DateOnly? OccurredOn, DatePrecision Precision, DateOnly? EndedOn, DatePrecision? EndPrecision, bool IsRemoved);

    private sealed record ExpectedBurden(double Days, int Suspended, int Restricted, int Either, int Unmeasured, bool Arrested, bool Interviewed, bool Charged);

    private async Task<List<EventRow>> EventsAsync() =>
        await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().OfficerEvents.AsNoTracking()
            .Where(e => e.Case.Force == Force)
            .Select(e => new EventRow(e.CaseId, e.OfficerId, e.Kind, e.OccurredOn, e.Precision, e.EndedOn, e.EndPrecision, e.IsRemoved)).ToListAsync());

    private async Task<List<StageRow>> StagesAsync() =>
        await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking()
            .Where(x => x.Case.Force == Force && GetOutcomeContrasts.Proceedings.Contains(x.Kind))
            .Select(x => new StageRow(x.CaseId, x.Kind, x.OutcomeType, x.HasEnded, x.EndOn)).ToListAsync());

    /// <summary>
    /// Cases with the event, and the days from the incident to the first one (reports.md): the first lies between the
    /// earliest of the occurrences' first possible days and the earliest of their last possible days ("April 2018" is
    /// 1 to 30 April), and counts at the middle of that range; an undated occurrence leaves the case untimed.
    /// </summary>
    private static (int Cases, List<double> Days) Count(IEnumerable<(DateOnly? Incident, IEnumerable<(DateOnly? Day, DatePrecision Precision)> Events)> cases)
    {
        static DateOnly Last(DateOnly first, DatePrecision precision) => precision switch
        {
            DatePrecision.Month => first.AddMonths(1).AddDays(-1),
            DatePrecision.Year => new DateOnly(first.Year, 12, 31),
            _ => first,
        };

        var with = cases.Select(c => (c.Incident, Events: c.Events.ToList())).Where(c => c.Events.Count > 0).ToList();
        var days = new List<double>();
        foreach (var (incident, events) in with)
        {
            if (events.Any(e => e.Day is null))
            {
                continue;
            }

            var first = events.Min(e => e.Day!.Value);
            var last = events.Min(e => Last(e.Day!.Value, e.Precision));
            days.Add(((first.DayNumber - incident!.Value.DayNumber) + (last.DayNumber - incident.Value.DayNumber)) / 2.0);
        }

        return (with.Count, days);
    }

    /// <summary>Median by linear interpolation, written here independently of the app's statistics.</summary>
    private static double? Median(List<double> values)
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

    [GeneratedRegex("data-suspended-median=\"([^\"]*)\"")]
    private static partial Regex SuspendedMedian();
}
