using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Features.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.History;

/// <summary>
/// True attribution: every history row names the real person (an import the user who confirmed it, and the job; the
/// reference data itself), and a case's history reads as a handful of events, its first load one "created" event.
/// </summary>
public sealed class AttributionTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_import_run_by_the_background_worker_is_attributed_to_the_user_who_confirmed_it()
    {
        _app.User.Name = "uploader@example.org";
        var preview = await ImportDriver.DryRunAsync(_app, "reference-cases.json", ImportDriver.ReferenceCasesJson());
        _app.User.Name = "confirmer@example.org";
        await _app.SendAsync(new ConfirmImport.Command(preview.Id));

        // The worker runs outside any request: there is no signed-in user.
        _app.User.Name = "system";
        await _app.SendAsync(new RunImportJob.Command(preview.Id));

        var actors = await _app.WithDbAsync(db => db.CaseHistory.Select(h => h.Actor).Distinct().ToListAsync());
        Assert.Equal([RunImportJob.ImportActor("confirmer@example.org", preview.Id)], actors);
        Assert.Equal($"confirmer@example.org (import job {preview.Id})", actors[0]);
    }

    [Fact]
    public async Task The_kaba_case_history_reads_as_a_handful_of_events_with_its_load_as_one_created_event()
    {
        _app.User.Name = "system";
        await _app.SendAsync(new LoadReferenceCases.Command());
        var kaba = await _app.WithDbAsync(db => db.Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync());
        var fields = await _app.WithDbAsync(db => db.CaseHistory.CountAsync(h => h.CaseId == kaba));
        var stages = await _app.WithDbAsync(db => db.Stages.AsNoTracking().Where(s => s.CaseId == kaba).ToListAsync());
        var stageId = stages.First(s => s.Start.Earliest < new DateOnly(2022, 10, 1) && (s.End is null || s.End.Value.Earliest > new DateOnly(2022, 10, 2))).Id;
        _app.User.Name = "caseworker@example.org";
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        await _app.SendAsync(new PauseStage.Command { CaseId = kaba, StageId = stageId, From = new DateOnly(2022, 10, 1), Reason = "Awaiting the CPS" });
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        var edit = (await _app.SendAsync(new EditCase.Query(kaba)))!;
        await _app.SendAsync(edit with { Summary = "Shot once through the windscreen." });

        _app.User.CanSeeRestricted = true;
        var history = (await _app.SendAsync(new GetCaseHistory.Query(kaba)))!;

        Assert.True(fields > 50, $"The reference load wrote {fields} field rows.");
        Assert.Equal(3, history.Entries.TotalCount);
        Assert.Equal(1, history.Entries.PageCount);
        var (newest, pause, created) = (history.Entries.Items[0], history.Entries.Items[1], history.Entries.Items[2]);
        Assert.Equal(("caseworker@example.org", "Changed the case: Summary"), (newest.Actor, newest.Summary));
        Assert.Equal("caseworker@example.org", pause.Actor);
        Assert.StartsWith("Paused stage “", pause.Summary, StringComparison.Ordinal);
        Assert.Contains(pause.Items, i => i.Field == "Pause reason" && i.NewValue == "Awaiting the CPS");
        Assert.True(created.IsCreation);
        Assert.Equal(LoadReferenceCases.ReferenceDataActor, created.Actor);
        Assert.Equal($"Created the case ({fields} fields)", created.Summary);
        Assert.Equal(fields, created.Items.Count);
    }
}
