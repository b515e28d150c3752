using System.Globalization;
using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Exports;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Analysis;

/// <summary>
/// Issue 23, acceptance 2 and 4: one regression test per finding of the fourteen-case review, each built from cases of
/// the shape that exposed it, and the import of outcomes in words only (not classified, listed, confirmed in one tap,
/// in the history). The incident of every case is 3 March 2020 unless said otherwise.
/// </summary>
public sealed class FigureFindingsTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private static readonly PartialDate Incident = PartialDate.OnDay(2020, 3, 3);

    /// <summary>Finding 1: a case whose last proceeding ended on an unknown date has its final outcome (4 of 4, not 3 of 4), untimed; so does an undated charge.</summary>
    [Fact]
    public async Task A_case_whose_last_proceeding_ended_undated_has_its_final_outcome_counted_but_not_timed()
    {
        const string force = "Cleveland Police";
        await SeedAsync(force, now =>
        {
            var cases = Enumerable.Range(1, 4).Select(i => NewCase($"ATC-2020-31{i:00}", force)).ToList();
            foreach (var c in cases.Take(3))
            {
                c.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.OnDay(2021, 3, 4), null, now);
            }

            cases[3].AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.OnDay(2021, 3, 4), null, now);
            cases[3].AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2021, 3, 4), PartialDate.Unknown, "Charged", now, outcomeType: OutcomeType.Charged);
            return cases;
        });

        var report = await factory.SendAsync(new GetOutcomeContrasts.Query { Force = force });

        var final = report.Total.Of("final_outcome");
        Assert.Equal((4, 4, 3), (final.Cases, final.Of, final.DaysFromIncident.Count));
        var charged = report.Total.Of("charged");
        Assert.Equal((1, 0), (charged.Cases, charged.DaysFromIncident.Count));
    }

    /// <summary>Finding 2: an end known to the month or year is its whole period: timed as a range at its middle, printed "January 2021", never "1 Jan 2021".</summary>
    [Fact]
    public async Task An_end_known_to_the_month_or_year_is_a_range_and_is_printed_as_the_month_or_year()
    {
        const string force = "Dorset Police";
        var ids = await SeedAsync(force, now =>
        {
            var month = NewCase("ATC-2020-3201", force);
            month.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.InMonth(2021, 1), null, now);
            month.AddOfficer("M1", null, false, null, now);
            var year = NewCase("ATC-2020-3202", force);
            year.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.InYear(2025), null, now);
            year.AddOfficer("Y1", null, false, null, now);
            return [month, year];
        });

        var contrasts = await factory.SendAsync(new GetOutcomeContrasts.Query { Force = force });
        var final = contrasts.Total.Of("final_outcome");
        Assert.Equal((2, 2), (final.DaysFromIncident.Count, final.ApproximateTimings));

        // January 2021: 304 to 334 days after 3 March 2020 (middle 319); 2025: 1,765 to 2,129 (middle 1,947). Median 1,133.
        Assert.Equal(1133, final.DaysFromIncident.Median);

        using var analyst = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await analyst.GetStringAsync("/analysis/burden?force=" + Uri.EscapeDataString(force));
        Assert.Contains(">January 2021<", html, StringComparison.Ordinal);
        Assert.Contains(">2025<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 Jan 2021", html, StringComparison.Ordinal);
        var csv = Rows(await analyst.GetByteArrayAsync("/analysis/burden.csv?force=" + Uri.EscapeDataString(force)));
        var monthRow = csv.Single(r => r["officer"] == "M1");
        Assert.Equal(("2021-01", "2021-01-01", "2021-01-31", "January 2021"), (monthRow["last_proceeding_end"], monthRow["last_proceeding_end_earliest"], monthRow["last_proceeding_end_latest"], monthRow["last_proceeding_end_text"]));
        Assert.Equal(("319", "304", "334", "true"), (monthRow["days"], monthRow["days_shortest"], monthRow["days_longest"], monthRow["days_approximate"]));
        Assert.Equal("2025", csv.Single(r => r["officer"] == "Y1")["last_proceeding_end"]);
        Assert.Equal(2, ids.Count);
    }

    /// <summary>Finding 3: an officer whose case's proceedings all ended on unknown dates has a row (untimed), not silence.</summary>
    [Fact]
    public async Task An_officer_whose_proceedings_all_ended_undated_has_a_row_without_a_time()
    {
        const string force = "Essex Police";
        await SeedAsync(force, now =>
        {
            var c = NewCase("ATC-2020-3301", force);
            c.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.Unknown, null, now);
            c.AddStage(StageKind.CpsDecision, "Decision", PartialDate.InYear(2021), PartialDate.Unknown, null, now);
            c.AddOfficer("U1", null, false, null, now);
            return [c];
        });

        var burden = await factory.SendAsync(new GetOfficerBurden.Query { Force = force });

        var row = Assert.Single(burden.Officers);
        Assert.Equal(("U1", false, (DayRange?)null, "ended, date unknown", 2), (row.Officer, row.StillRunning, row.Days, row.LastEndText, row.Proceedings));
        Assert.Equal((1, 0), (burden.Untimed, burden.Distribution.Count));
    }

    /// <summary>Finding 4: a running proceeding whose start is unknown still runs.</summary>
    [Fact]
    public async Task A_running_proceeding_with_an_unknown_start_makes_the_officer_still_running()
    {
        const string force = "Gwent Police";
        await SeedAsync(force, now =>
        {
            var c = NewCase("ATC-2020-3401", force);
            c.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2020, 3, 4), PartialDate.OnDay(2021, 3, 4), null, now);
            c.AddStage(StageKind.MisconductProceedings, "Misconduct", PartialDate.Unknown, null, null, now);
            c.AddOfficer("R1", null, false, null, now);
            return [c];
        });

        var burden = await factory.SendAsync(new GetOfficerBurden.Query { Force = force });
        var contrasts = await factory.SendAsync(new GetOutcomeContrasts.Query { Force = force });

        var row = Assert.Single(burden.Officers);
        Assert.True(row.StillRunning);
        Assert.Equal("still running", row.LastEndText);
        Assert.Equal(0, contrasts.Total.Of("final_outcome").Cases); // the contrasts agree: a proceeding still runs
    }

    /// <summary>
    /// Finding 5 and acceptance 4: outcomes in words only are imported as "not classified" (never guessed), listed under
    /// outcomes to confirm with a suggestion only where the words name one type of the stage's kind; one tap confirms,
    /// "Other (none of these)" is a choice of its own, and the history names who chose which type.
    /// </summary>
    [Fact]
    public async Task Outcomes_in_words_import_as_not_classified_and_one_tap_confirms_a_suggestion_into_the_history()
    {
        var entry = new CaseFileEntry
        {
            Id = "finding-5",
            Title = "Finding 5 outcomes in words",
            IncidentDate = "2019-04-02",
            Force = "Suffolk Constabulary",
            IncidentType = "Shooting",
            Harm = "Fatal",
            Category = "CounterTerrorism",
            Stages =
            [
                new CaseFileStage { Kind = "MisconductProceedings", Label = "Hearing", StartDate = "2020-01-06", EndDate = "2020-06-01", Outcome = "Found guilty of gross misconduct and given a final written warning" },
                new CaseFileStage { Kind = "CpsDecision", Label = "Decision", StartDate = "2019-06-01", EndDate = "2019-12-01", Outcome = "Charges authorised against two officers" },
                new CaseFileStage { Kind = "Appeal", Label = "Strasbourg", StartDate = "2021-01-04", EndDate = "2022-03-01", Outcome = "Judgment: no violation of Article 2 in the decision not to prosecute individuals" },
                new CaseFileStage { Kind = "MisconductProceedings", Label = "Second hearing", StartDate = "2022-04-01", EndDate = "2022-05-01", Outcome = "Hearing discontinued; an earlier allegation had been dismissed" },
            ],
        };
        using var caseworker = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        await ImportAsync(caseworker, "finding-5.json", JsonSerializer.SerializeToUtf8Bytes(new[] { entry }, CaseFile.SerializerOptions));

        var stored = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking()
            .Where(x => x.Case.Title == entry.Title).Select(x => new { x.Id, x.CaseId, x.Label, x.OutcomeType }).ToListAsync());
        Assert.All(stored, s => Assert.Equal(OutcomeType.Unclassified, s.OutcomeType));

        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var list = await client.GetStringAsync("/outcomes-to-confirm");
        string Item(string label) => Block(list, $"data-stage=\"{stored.Single(s => s.Label == label).Id}\"");
        Assert.Contains("Confirm: Proven", Item("Hearing"), StringComparison.Ordinal);
        Assert.Contains("Confirm: Charged", Item("Decision"), StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm:", Item("Strasbourg"), StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm:", Item("Second hearing"), StringComparison.Ordinal);

        // One tap: the suggested type's form, as the page gives it.
        var decision = stored.Single(s => s.Label == "Decision");
        var form = Item("Decision");
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        using var confirmed = await Forms.PostAsync(client, $"/outcomes-to-confirm/{decision.CaseId}/stages/{decision.Id}?page=1", list, new() { ["Version"] = version, ["OutcomeType"] = "Charged" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var strasbourg = stored.Single(s => s.Label == "Strasbourg");
        var strasbourgVersion = System.Text.RegularExpressions.Regex.Match(Item("Strasbourg"), "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        using var other = await Forms.PostAsync(client, $"/outcomes-to-confirm/{strasbourg.CaseId}/stages/{strasbourg.Id}?page=1", list, new() { ["Version"] = strasbourgVersion, ["OutcomeType"] = "Other" });
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);

        var after = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking()
            .Where(x => x.Case.Title == entry.Title).ToDictionaryAsync(x => x.Label, x => x.OutcomeType));
        Assert.Equal((OutcomeType.Charged, OutcomeType.Other, OutcomeType.Unclassified), (after["Decision"], after["Strasbourg"], after["Hearing"]));
        var remaining = await client.GetStringAsync("/outcomes-to-confirm");
        Assert.DoesNotContain($"data-stage=\"{decision.Id}\"", remaining, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-stage=\"{strasbourg.Id}\"", remaining, StringComparison.Ordinal);
        var recorded = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().CaseHistory.AsNoTracking()
            .Where(h => h.CaseId == decision.CaseId && h.Field == nameof(Stage.OutcomeType)).Select(h => new { h.NewValue, h.Actor }).ToListAsync());
        Assert.Contains(recorded, h => h.NewValue == nameof(OutcomeType.Charged) && h.Actor.Contains(TestUsers.EmailFor(Roles.Caseworker), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{decision.CaseId}/history")).StatusCode);

        // The contrasts count the confirmed charge, and nothing from words alone.
        var contrasts = await factory.SendAsync(new GetOutcomeContrasts.Query { Force = entry.Force });
        Assert.Equal((1, 0), (contrasts.Total.Of("charged").Cases, contrasts.Total.Of("misconduct_case_to_answer").Cases + contrasts.Total.Of("dismissed").Cases));
    }

    /// <summary>Finding 6: a suspension or restricted duties that ended on an unknown date is ended (never 5,240 days running), through import, the form's rules and the figures.</summary>
    [Fact]
    public async Task A_period_that_ended_on_an_unknown_date_is_ended_not_running()
    {
        var entry = new CaseFileEntry
        {
            Id = "finding-6",
            Title = "Finding 6 periods ended undated",
            IncidentDate = "2012-01-02",
            Force = "Norfolk Constabulary",
            IncidentType = "Shooting",
            Harm = "Fatal",
            Category = "OtherCriminalOperation",
            Officers = [new CaseFileOfficer { Cipher = "P6" }],
            Stages = [new CaseFileStage { Kind = "IopcInvestigation", Label = "Investigation", StartDate = "2012-01-02", EndDate = "2013-01-02", Outcome = "File to the CPS", OutcomeType = "ReferredToCps" }],
            OfficerEvents =
            [
                new CaseFileOfficerEvent { Officer = "P6", Kind = "RestrictedDuties", Date = "2012-01-03", EndPrecision = "unknown" },
                new CaseFileOfficerEvent { Officer = "P6", Kind = "Suspended", Date = "2012-02-01", EndPrecision = "unknown" },
            ],
        };
        using var caseworker = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        await ImportAsync(caseworker, "finding-6.json", JsonSerializer.SerializeToUtf8Bytes(new[] { entry }, CaseFile.SerializerOptions));

        var events = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().OfficerEvents.AsNoTracking()
            .Where(e => e.Case.Title == entry.Title).ToListAsync());
        Assert.All(events, e => Assert.Equal((true, false, (DayRange?)null), (e.Ending.IsUndated, e.IsOpenPeriod, e.Duration(new DateOnly(2026, 11, 23)))));

        var burden = await factory.SendAsync(new GetOfficerBurden.Query { Force = entry.Force });
        var row = Assert.Single(burden.Officers);
        Assert.Equal((false, 2, 0), (row.PeriodRunning, row.UnmeasuredPeriods, row.DaysSuspendedOrRestricted));

        // The form says the same: ticking "has ended" with an unknown end precision ends the period undated.
        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var caseId = events[0].CaseId;
        var eventId = events.Single(e => e.Kind == OfficerEventKind.Suspended).Id;
        var edit = await Forms.GetAsync(client, $"/cases/{caseId}/officer-events/{eventId}/edit");
        Assert.Contains("id=\"Ended\" name=\"Ended\" value=\"true\" checked=\"checked\"", edit, StringComparison.Ordinal);
    }

    /// <summary>
    /// Finding 7: approximate durations count at their exact middle (a February end gives x.5); "past limit" says of what,
    /// with the stages a rule could not assess counted apart; the stage export has "possibly late" and both ends of a days-over range.
    /// </summary>
    [Fact]
    public async Task Approximate_durations_count_at_their_exact_middle_and_the_report_and_export_say_what_they_count()
    {
        const string force = "Lancashire Constabulary";
        await SeedAsync(force, now =>
        {
            var c = NewCase("ATC-2020-3701", force);
            // 4 March 2020 to February 2021: 334 to 361 days, middle 347.5; the CPS rule of 3 months is due 4 June 2020: late by 242 to 269 days.
            c.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2020, 3, 4), PartialDate.InMonth(2021, 2), null, now);
            // Ended in June 2020 (89 to 118 days, middle 103.5; due 4 June): in time for certain, late by up to 26 days possibly.
            c.AddStage(StageKind.CpsDecision, "Second decision", PartialDate.OnDay(2020, 3, 4), PartialDate.InMonth(2020, 6), null, now);
            // A CPS rule applies, but the start is unknown: not assessed.
            c.AddStage(StageKind.CpsDecision, "Undated decision", PartialDate.Unknown, PartialDate.OnDay(2021, 1, 1), null, now);
            return [c];
        });

        var report = await factory.SendAsync(new GetDurationReport.Query { Force = force, GroupBy = ReportGrouping.StageKind });
        var total = report.Total;
        Assert.Equal((2, 2), (total.Durations.Count, total.ApproximateDurations));
        Assert.Equal((347.5 + 103.5) / 2, total.Durations.Median);
        Assert.Equal((2, 1, 1), (total.WithLimit, total.PastLimit, total.NotAssessed));

        using var analyst = await factory.CreateClientForAsync(Roles.Analyst);
        var stages = Rows(await analyst.GetByteArrayAsync("/reports/stages.csv?force=" + Uri.EscapeDataString(force)));
        var first = stages.Single(r => r["stage_label"] == "Decision");
        Assert.Equal(("347.5", "ConcludedLate", "242", "269", "false"), (first["duration_days"], first["clock_status_code"], first["days_over"], first["days_over_most"], first["possibly_late"]));
        var second = stages.Single(r => r["stage_label"] == "Second decision");
        Assert.Equal(("ConcludedInTime", string.Empty, "26", "true"), (second["clock_status_code"], second["days_over"], second["days_over_most"], second["possibly_late"]));
        var groups = Rows(await analyst.GetByteArrayAsync("/reports/durations.csv?groupBy=StageKind&force=" + Uri.EscapeDataString(force)));
        var all = groups.Single(r => r["group_code"] == "all");
        Assert.Equal(("2", "1", "1", "0.5"), (all["with_limit"], all["past_limit"], all["not_assessed"], all["share_past_limit"]));
    }

    private static Case NewCase(string reference, string force) =>
        Case.Open(reference, new CaseParticulars("Finding " + reference, "not published", Incident, null, "Somewhere", force, IncidentType.Shooting, Harm.Fatal, OperationCategory.RoutinePolicing, null), DateTime.UtcNow);

    private async Task<List<int>> SeedAsync(string force, Func<DateTime, List<Case>> build) => await factory.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<TrackerDbContext>();
        if (await db.Cases.AnyAsync(c => c.Force == force))
        {
            return await db.Cases.Where(c => c.Force == force).Select(c => c.Id).ToListAsync();
        }

        var cases = build(factory.Time.GetUtcNow().UtcDateTime);
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync();
        return cases.Select(c => c.Id).ToList();
    });

    private async Task ImportAsync(HttpClient client, string fileName, byte[] file)
    {
        using var started = await client.PostAsync("/api/v1/imports", ApiClient.FileContent(fileName, file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await ApiClient.WaitForStepsAsync(factory, jobId, 1);
        var preview = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        Assert.True(preview.GetProperty("canConfirm").GetBoolean(), preview.GetRawText());
        using var committed = await client.PostAsync($"/api/v1/imports/{jobId}/commit", null);
        Assert.Equal(HttpStatusCode.Accepted, committed.StatusCode);
        await ApiClient.WaitForStepsAsync(factory, jobId, 2);
    }

    private static List<Dictionary<string, string>> Rows(byte[] csv)
    {
        var rows = IndependentReaders.Csv(csv);
        return [.. rows.Skip(1).Select(r => rows[0].Select((name, i) => (name, value: r[i])).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal))];
    }

    /// <summary>The list item that carries <paramref name="marker"/>, up to the end of its card.</summary>
    private static string Block(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{marker} is not on the page");
        return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }
}
