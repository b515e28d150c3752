using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.OfficerEvents;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Features.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.OfficerEvents;

/// <summary>Officer events and periods as their own records: forms' commands, history, masking, timeline lane and import.</summary>
public sealed class OfficerEventsTests : IAsyncLifetime
{
    private TestApplication _app = null!;
    private int _caseId;
    private int _cipherOfficer;
    private int _restrictedOfficer;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _app.User.CanSeeRestricted = true;
        await _app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2022-0001", incident: PartialDate.OnDay(2022, 9, 5));
            var nx = subject.AddOfficer(new OfficerDetails("NX121", null, false, null, UnderAnonymityOrder: true), _app.Time.GetUtcNow().UtcDateTime);
            var hidden = subject.AddOfficer(new OfficerDetails(null, "Secret Officer", false, null, UnderAnonymityOrder: true), _app.Time.GetUtcNow().UtcDateTime);
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            (_caseId, _cipherOfficer, _restrictedOfficer) = (subject.Id, nx.Id, hidden.Id);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_suspension_runs_until_its_end_is_recorded_and_a_point_event_has_no_duration()
    {
        var suspended = await _app.SendAsync(new AddOfficerEvent.Command
        {
            CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Suspended, Date = "2022-09-10", DatePrecision = DatePrecision.Day, Notes = "Suspended by the force",
        });
        await _app.SendAsync(new AddOfficerEvent.Command { CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Charged, Date = "2023-09-20", DatePrecision = DatePrecision.Day });

        var details = await _app.SendAsync(new GetCaseDetails.Query(_caseId));
        var running = details!.OfficerEvents.Single(e => e.Kind == OfficerEventKind.Suspended);
        var today = new DateOnly(2026, 11, 23).DayNumber - new DateOnly(2022, 9, 10).DayNumber;
        Assert.Equal((true, true, "NX121", new DayRange(today, today)), (running.IsPeriod, running.IsRunning, running.OfficerDesignation, running.Duration!.Value));
        var charged = details.OfficerEvents.Single(e => e.Kind == OfficerEventKind.Charged);
        Assert.Equal((false, false, (DayRange?)null), (charged.IsPeriod, charged.IsRunning, charged.Duration));

        var form = await _app.SendAsync(new EditOfficerEvent.Query(_caseId, suspended!.Value));
        await _app.SendAsync(form! with { EndDate = "2024-10-21", EndPrecision = DatePrecision.Day });
        var ended = (await _app.SendAsync(new GetCaseDetails.Query(_caseId)))!.OfficerEvents.Single(e => e.Kind == OfficerEventKind.Suspended);
        var lasted = new DateOnly(2024, 10, 21).DayNumber - new DateOnly(2022, 9, 10).DayNumber;
        Assert.Equal((false, new DayRange(lasted, lasted)), (ended.IsRunning, ended.Duration!.Value));
    }

    [Fact]
    public async Task Bad_input_is_refused_beside_its_field_and_changes_nothing()
    {
        var endOnAPoint = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficerEvent.Command
        {
            CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Arrested, Date = "2022-09-10", EndDate = "2022-09-11",
        }));
        Assert.Contains(nameof(OfficerEventFields.EndDate), endOnAPoint.Errors.Keys);

        var endsBeforeStart = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficerEvent.Command
        {
            CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.RestrictedDuties, Date = "2022-09-10", EndDate = "2022-09-01",
        }));
        Assert.Contains(nameof(OfficerEventFields.EndDate), endsBeforeStart.Errors.Keys);

        var otherCase = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficerEvent.Command
        {
            CaseId = _caseId, OfficerId = _cipherOfficer + 1000, Kind = OfficerEventKind.Arrested, Date = "2022-09-10",
        }));
        Assert.Contains(nameof(OfficerEventFields.OfficerId), otherCase.Errors.Keys);

        var beforeIncident = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficerEvent.Command
        {
            CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Arrested, Date = "2021-01-01",
        }));
        Assert.Contains(nameof(OfficerEventFields.Date), beforeIncident.Errors.Keys);

        Assert.Equal(0, await _app.WithDbAsync(db => db.OfficerEvents.CountAsync()));
    }

    [Fact]
    public async Task A_restricted_name_stays_masked_on_the_case_page_and_never_reaches_the_timeline()
    {
        await _app.SendAsync(new AddOfficerEvent.Command { CaseId = _caseId, OfficerId = _restrictedOfficer, Kind = OfficerEventKind.InterviewedUnderCaution, Date = "2022-10", DatePrecision = DatePrecision.Month });

        _app.User.CanSeeRestricted = false;
        var asResearcher = await _app.SendAsync(new GetCaseDetails.Query(_caseId));
        var timeline = await _app.SendAsync(new GetCaseTimeline.Query(_caseId));
        _app.User.CanSeeRestricted = true;
        var asCaseworker = await _app.SendAsync(new GetCaseDetails.Query(_caseId));
        var timelineAsCaseworker = await _app.SendAsync(new GetCaseTimeline.Query(_caseId));

        Assert.Equal("Officer (name restricted)", Assert.Single(asResearcher!.OfficerEvents).OfficerDesignation);
        Assert.Equal("Secret Officer", Assert.Single(asCaseworker!.OfficerEvents).OfficerDesignation);
        foreach (var chart in new[] { timeline!, timelineAsCaseworker! })
        {
            var item = Assert.Single(chart.Items, i => i.Type == GetCaseTimeline.ItemType.OfficerEvent);
            Assert.Equal((GetCaseTimeline.OfficerLane, "Officer (name restricted): Interviewed under caution"), (item.Lane, item.Label));
            Assert.Contains(chart.Lanes, l => l.Id == GetCaseTimeline.OfficerLane);
            Assert.DoesNotContain("Secret", System.Text.Json.JsonSerializer.Serialize(chart), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Removing_hides_the_event_keeps_the_row_and_history_and_refuses_a_stale_version()
    {
        var id = (await _app.SendAsync(new AddOfficerEvent.Command { CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Arrested, Date = "2022-09-21" }))!.Value;
        var opened = await _app.SendAsync(new EditOfficerEvent.Query(_caseId, id));
        await _app.SendAsync(opened! with { Notes = "On suspicion of murder" });

        await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(new RemoveOfficerEvent.Command { CaseId = _caseId, EventId = id, Version = opened!.Version }));
        var current = await _app.SendAsync(new EditOfficerEvent.Query(_caseId, id));
        Assert.True(await _app.SendAsync(new RemoveOfficerEvent.Command { CaseId = _caseId, EventId = id, Version = current!.Version }));

        Assert.Empty((await _app.SendAsync(new GetCaseDetails.Query(_caseId)))!.OfficerEvents);
        Assert.Null(await _app.SendAsync(new EditOfficerEvent.Query(_caseId, id)));
        await _app.WithDbAsync(async db =>
        {
            Assert.True((await db.OfficerEvents.SingleAsync(e => e.Id == id)).IsRemoved);
            var fields = await db.CaseHistory.Where(h => h.CaseId == _caseId && h.Field.StartsWith("Event ")).Select(h => h.Field).ToListAsync();
            Assert.Contains("Event Kind", fields);
            Assert.Contains("Event Notes", fields);
            Assert.Contains("Event IsRemoved", fields);
        });
    }

    [Fact]
    public async Task Two_edits_of_one_event_are_merged_field_by_field()
    {
        var id = (await _app.SendAsync(new AddOfficerEvent.Command { CaseId = _caseId, OfficerId = _cipherOfficer, Kind = OfficerEventKind.Suspended, Date = "2022-09-10" }))!.Value;
        var first = await _app.SendAsync(new EditOfficerEvent.Query(_caseId, id));
        var second = await _app.SendAsync(new EditOfficerEvent.Query(_caseId, id));

        await _app.SendAsync(first! with { Notes = "Suspended on full pay" });
        await _app.SendAsync(second! with { EndDate = "2023-01-05" });

        var stored = await _app.WithDbAsync(db => db.OfficerEvents.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(("Suspended on full pay", new DateOnly(2023, 1, 5)), (stored.Notes, stored.EndedOn!.Value));
    }

    [Fact]
    public async Task Json_and_csv_imports_hold_events_and_periods_and_a_re_import_adds_nothing_twice()
    {
        const string json = """
            [{ "id": "events-json", "title": "Events", "incident_date": "2022-09-05", "force": "Metropolitan Police Service",
               "incident_type": "Shooting", "harm": "Fatal", "category": "RoutinePolicing",
               "officers": [{ "cipher": "NX121" }, { "name": "Hidden Person", "name_status": "restricted" }],
               "officer_events": [
                 { "officer": "NX121", "kind": "Suspended", "date": "2022-09-10", "end_date": "2024-10-21", "notes": "Suspended" },
                 { "officer": "nx121", "kind": "charged", "date": "2023-09-20" },
                 { "officer": "Hidden Person", "kind": "restricted_duties", "date": "2022-09" }] }]
            """;
        var job = await ImportDriver.ImportAsync(_app, "events.json", System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(job.Report!.Messages);
        var again = await ImportDriver.ImportAsync(_app, "events.json", System.Text.Encoding.UTF8.GetBytes(json));
        Assert.All(again.Report!.Items, i => Assert.Equal(ImportAction.Unchanged, i.Action));

        var csv = string.Join("\r\n",
            "case_id,title,incident_date,force,incident_type,harm,category,officers,row_type,kind,label,start_date,start_precision,end_date,end_precision,outcome,officer",
            "events-csv,Events CSV,2015-12-11,Metropolitan Police Service,Shooting,Fatal,OtherCriminalOperation,W80,officer_event,MisconductNoticeServed,,2016-03,month,,,Gross misconduct notice,W80",
            "events-csv,,,,,,,,officer_event,Suspended,,2016-01-01,day,,,,W80");
        var fromCsv = await ImportDriver.ImportAsync(_app, "events.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.DoesNotContain(fromCsv.Report!.Messages, m => m.Severity == ImportSeverity.Error);

        await _app.WithDbAsync(async db =>
        {
            var events = await db.OfficerEvents.Include(e => e.Officer).Where(e => e.Case.ExternalId!.StartsWith("events-")).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(
                ["NX121 Suspended 2022-09-10..2024-10-21", "NX121 Charged 2023-09-20..", "Hidden Person RestrictedDuties 2022-09..", "W80 MisconductNoticeServed 2016-03..", "W80 Suspended 2016-01-01.."],
                events.Select(e => $"{e.Officer.Cipher ?? e.Officer.RealName} {e.Kind} {e.Date.ToIsoString()}..{e.End?.ToIsoString()}"));
        });
    }

    [Fact]
    public async Task An_import_names_each_bad_event_field_by_row_and_column()
    {
        var csv = string.Join("\r\n",
            "case_id,title,incident_date,force,incident_type,harm,category,officers,row_type,kind,label,start_date,start_precision,end_date,end_precision,outcome,officer",
            "bad-csv,Bad,2015-12-11,Metropolitan Police Service,Shooting,Fatal,OtherCriminalOperation,W80,officer_event,Sacked,,2016-03,month,,,,W80",
            "bad-csv,,,,,,,,officer_event,Charged,,2016-04-01,day,2016-05-01,day,,W80",
            "bad-csv,,,,,,,,officer_event,Arrested,,2016-04-01,day,,,,Z99");

        var job = await ImportDriver.DryRunAsync(_app, "bad.csv", csv);

        Assert.Equal(
            [(2, "kind"), (3, "end_date"), (4, "officer")],
            job.Report!.Messages.Where(m => m.Severity == ImportSeverity.Error).Select(m => (m.Row ?? 0, m.Column ?? string.Empty)).Order());
    }
}
