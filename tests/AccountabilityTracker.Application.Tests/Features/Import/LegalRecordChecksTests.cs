using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Import;

/// <summary>Issue 15's import rules: nothing guessed, undated ends never running, each jurisdiction's own rules.</summary>
public sealed class LegalRecordChecksTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_counter_terrorism_unit_does_not_make_a_counter_terrorism_case_and_missing_fields_are_not_recorded()
    {
        const string json = """
            [{ "id": "ct-unit", "title": "Fatal police shooting during a prison-van escape", "incident_date": "2015-12-11",
               "force": "Metropolitan Police Service (Counter Terrorism Command firearms unit)" }]
            """;

        var job = await ImportDriver.ImportAsync(_app, "ct.json", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(["category", "harm", "incident_type"], job.Report!.Messages.Where(m => m.Severity == ImportSeverity.Warning).Select(m => m.Column).Order());
        var stored = await _app.WithDbAsync(db => db.Cases.SingleAsync(c => c.ExternalId == "ct-unit"));
        Assert.Equal((OperationCategory.NotKnown, IncidentType.NotRecorded, Harm.NotRecorded), (stored.Category, stored.IncidentType, stored.Harm));
    }

    [Fact]
    public async Task An_undated_end_is_never_running_and_a_scottish_case_has_no_england_and_wales_clock()
    {
        const string json = """
            [{ "id": "undated", "title": "Undated end", "incident_date": "2005-07-22", "force": "Metropolitan Police Service",
               "incident_type": "Shooting", "harm": "Fatal", "category": "CounterTerrorism",
               "stages": [{ "kind": "IopcInvestigation", "label": "IPCC investigation", "start_date": "2005-07-22", "end_precision": "unknown", "outcome": "File passed to the CPS" },
                          { "kind": "Inquest", "label": "Inquest", "start_date": "2006-01", "outcome": "replaced by a statutory inquiry" }] },
             { "id": "scot", "title": "Scottish case", "incident_date": "2015-05-03", "force": "Police Scotland",
               "incident_type": "DeathInOrAfterCustody", "harm": "Fatal", "category": "RoutinePolicing",
               "stages": [{ "kind": "PircInvestigation", "label": "PIRC", "start_date": "2015-05-03", "end_precision": "running" },
                          { "kind": "Inquest", "label": "Wrongly an inquest", "start_date": "2015-06-01", "end_precision": "running" }] }]
            """;

        var job = await ImportDriver.ImportAsync(_app, "legal.json", System.Text.Encoding.UTF8.GetBytes(json));

        // An outcome with no end asks which it is; an England & Wales kind on a Scottish case is flagged (it gets no clock).
        Assert.Equal([("scot", "stages[1].kind"), ("undated", "stages[1].end_date")], job.Report!.Messages.Select(m => (m.CaseId, m.Column)).Order());
        await _app.WithDbAsync(async db =>
        {
            var undated = await db.Stages.SingleAsync(s => s.Case.ExternalId == "undated" && s.Kind == StageKind.IopcInvestigation);
            Assert.Equal((true, ClockPhase.NotApplicable, "end date unknown"), (undated.HasEnded, undated.Clock.Phase, undated.Clock.NotApplicableReason));
            var scotland = await db.Cases.Include(c => c.Stages).SingleAsync(c => c.ExternalId == "scot");
            Assert.Equal(Jurisdiction.Scotland, scotland.Jurisdiction);
            Assert.Equal(ClockPhase.NotApplicable, scotland.Clock.Phase);
            Assert.All(scotland.Stages, s => Assert.Equal(ClockPhase.NotApplicable, s.Clock.Phase));
        });
    }
}
