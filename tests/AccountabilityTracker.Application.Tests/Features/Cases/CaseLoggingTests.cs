using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Cases;

public sealed class CaseLoggingTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _app.User.Name = "rep@tracker.test";
        _app.User.CanSeeRestricted = true;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static CreateCase.Command NewCase(string title = "Restraint death, Leeds", string incident = "2022-09-05") => new()
    {
        Title = title,
        Subject = "not published",
        IncidentDate = incident,
        IncidentPrecision = PartialDate.TryParseIso(incident, out var date) ? date.Precision : DatePrecision.Unknown,
        IncidentTime = incident.Length == 10 ? "21:53" : null,
        Location = "Leeds",
        Force = "West Yorkshire Police",
        IncidentType = IncidentType.Restraint,
        Harm = Harm.Fatal,
        Category = OperationCategory.RoutinePolicing,
    };

    [Fact]
    public async Task A_new_case_takes_one_more_than_the_highest_reference_of_its_year()
    {
        await _app.WithDbAsync(async db =>
        {
            db.Cases.Add(CaseBuilder.Build("ATC-2022-0007", incident: PartialDate.OnDay(2022, 1, 1)));
            db.Cases.Add(CaseBuilder.Build("ATC-2021-0009", incident: PartialDate.OnDay(2021, 1, 1)));
            await db.SaveChangesAsync();
        });

        var first = await _app.SendAsync(NewCase());
        var second = await _app.SendAsync(NewCase("Another", "2022-10"));
        var otherYear = await _app.SendAsync(NewCase("Older", "2019"));

        Assert.Equal("ATC-2022-0008", first.Reference);
        Assert.Equal("ATC-2022-0009", second.Reference);
        Assert.Equal("ATC-2019-0001", otherYear.Reference);
    }

    [Fact]
    public async Task Cases_opened_at_the_same_moment_take_consecutive_references_without_a_failure()
    {
        // Each request has its own scope and connection: the writers really race for the next number.
        var opened = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => _app.SendAsync(NewCase($"Opened at once {i}"))));

        Assert.Equal(
            Enumerable.Range(1, 12).Select(i => Case.FormatReference(2022, i)),
            opened.Select(o => o.Reference).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Creating_a_case_records_each_given_field_in_its_history()
    {
        var created = await _app.SendAsync(NewCase() with { ConfidentialNotes = "heard in confidence" });

        var history = await _app.WithDbAsync(db => db.CaseHistory.Where(h => h.CaseId == created.Id).ToListAsync());
        Assert.All(history, h => Assert.Equal(HistoryChange.Created, h.Change));
        Assert.All(history, h => Assert.Equal("rep@tracker.test", h.Actor));
        Assert.All(history, h => Assert.Equal(new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc), h.OccurredAtUtc));
        Assert.Contains(history, h => h.Field == nameof(Case.Title) && h.OldValue == null && h.NewValue == "Restraint death, Leeds");
        Assert.Contains(history, h => h.Field == nameof(Case.IncidentOn) && h.NewValue == "2022-09-05");
        Assert.Contains(history, h => h.Field == nameof(Case.Reference) && h.NewValue == created.Reference);
        Assert.Contains(history, h => h.Field == nameof(Case.ConfidentialNotes) && h.IsRestricted);
        Assert.DoesNotContain(history, h => h.Field == nameof(Case.Version));
    }

    [Fact]
    public async Task Editing_a_case_records_old_and_new_values_of_the_changed_fields_only()
    {
        var created = await _app.SendAsync(NewCase());
        var form = (await _app.SendAsync(new EditCase.Query(created.Id)))!;
        _app.Time.Advance(TimeSpan.FromHours(1));

        Assert.True(await _app.SendAsync(form with { Title = "Restraint death, Leeds city centre", IncidentDate = "2022-09", IncidentPrecision = DatePrecision.Month, IncidentTime = null }));

        var edits = await _app.WithDbAsync(db => db.CaseHistory.Where(h => h.CaseId == created.Id && h.Change == HistoryChange.Edited).ToListAsync());
        Assert.Contains(edits, h => h.Field == "Title" && h.OldValue == "Restraint death, Leeds" && h.NewValue == "Restraint death, Leeds city centre");
        Assert.Contains(edits, h => h.Field == "IncidentPrecision" && h.OldValue == "Day" && h.NewValue == "Month");
        Assert.Contains(edits, h => h.Field == "IncidentOn" && h.OldValue == "2022-09-05" && h.NewValue == "2022-09-01");
        Assert.Contains(edits, h => h.Field == "IncidentTime" && h.OldValue == "21:53" && h.NewValue == null);
        Assert.DoesNotContain(edits, h => h.Field is "Location" or "Force" or "Subject");
        Assert.All(edits, h => Assert.Equal(new DateTime(2026, 11, 23, 13, 0, 0, DateTimeKind.Utc), h.OccurredAtUtc));
    }

    [Fact]
    public async Task A_stale_case_edit_of_another_field_is_combined_with_what_was_saved_meanwhile()
    {
        var created = await _app.SendAsync(NewCase());
        var mine = (await _app.SendAsync(new EditCase.Query(created.Id)))!;
        var theirs = (await _app.SendAsync(new EditCase.Query(created.Id)))!;
        await _app.SendAsync(theirs with { Location = "Leeds, Briggate" });

        Assert.True(await _app.SendAsync(mine with { Subject = "Jane Doe, 34" }));

        var stored = await _app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal(("Leeds, Briggate", "Jane Doe, 34"), (stored.Location, stored.Subject));
    }

    [Fact]
    public async Task Two_edits_of_one_stage_from_the_same_version_keep_the_first_and_show_the_second_combined_with_it()
    {
        var created = await _app.SendAsync(NewCase());
        var stageId = (await _app.SendAsync(new AddStage.Command { CaseId = created.Id, Kind = StageKind.CpsDecision, StartDate = "2023-03", StartPrecision = DatePrecision.Month }))!.Value;
        var first = (await _app.SendAsync(new EditStage.Query(created.Id, stageId)))!;
        var second = (await _app.SendAsync(new EditStage.Query(created.Id, stageId)))!;
        var historyBefore = await _app.WithDbAsync(db => db.CaseHistory.CountAsync());

        Assert.True(await _app.SendAsync(first with { Ended = true, EndDate = "2023-09-20", EndPrecision = DatePrecision.Day, Outcome = "Charged with murder" }));
        var afterFirst = await _app.WithDbAsync(db => db.CaseHistory.CountAsync());
        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(second with { Outcome = "No further action", Notes = "VRR requested" }));

        var stage = await _app.WithDbAsync(db => db.Stages.AsNoTracking().SingleAsync(s => s.Id == stageId));
        Assert.Equal("Charged with murder", stage.Outcome);
        Assert.Null(stage.Notes);
        Assert.Equal(PartialDate.OnDay(2023, 9, 20), stage.End);
        var outcome = Assert.Single(refused.Errors["Outcome"]);
        Assert.Contains("“Charged with murder”", outcome, StringComparison.Ordinal);
        Assert.Contains("“No further action”", outcome, StringComparison.Ordinal);
        Assert.False(refused.Errors.ContainsKey("EndDate"));
        Assert.Equal(stage.Version, refused.CurrentVersion);
        Assert.True(afterFirst > historyBefore);
        Assert.Equal(afterFirst, await _app.WithDbAsync(db => db.CaseHistory.CountAsync()));

        // The form comes back combined: the first user's end date, the second's notes, the stored outcome until chosen.
        var resolved = Assert.IsType<EditStage.Command>(refused.Resolved);
        Assert.Equal(("2023-09-20", "VRR requested", "Charged with murder"), (resolved.EndDate, resolved.Notes, resolved.Outcome));

        // Entering one's own outcome again is the explicit choice, and saves.
        Assert.True(await _app.SendAsync(resolved with { Outcome = "No further action" }));
        stage = await _app.WithDbAsync(db => db.Stages.AsNoTracking().SingleAsync(s => s.Id == stageId));
        Assert.Equal(("No further action", "VRR requested", (PartialDate?)PartialDate.OnDay(2023, 9, 20)), (stage.Outcome, stage.Notes, stage.End));
    }

    [Fact]
    public async Task An_archived_case_leaves_the_list_opens_only_for_an_administrator_and_can_be_restored_with_history()
    {
        var created = await _app.SendAsync(NewCase("Archive me"));

        Assert.True(await _app.SendAsync(new ArchiveCase.Command(created.Id)));

        var listed = await _app.SendAsync(new ListCases.Query { Text = "Archive me" });
        Assert.Empty(listed.Items);
        Assert.Null(await _app.SendAsync(new GetCaseDetails.Query(created.Id)));
        Assert.Null(await _app.SendAsync(new EditCase.Query(created.Id)));
        Assert.Null(await _app.SendAsync(new AddStage.Command { CaseId = created.Id, Kind = StageKind.Inquest, StartPrecision = DatePrecision.Unknown }));
        _app.User.IsAdministrator = true;
        Assert.NotNull(await _app.SendAsync(new GetCaseDetails.Query(created.Id)));
        Assert.Contains((await _app.SendAsync(new ListArchivedCases.Query())).Items, i => i.Id == created.Id);
        Assert.False(await _app.SendAsync(new ArchiveCase.Command(created.Id)));

        Assert.True(await _app.SendAsync(new RestoreCase.Command(created.Id)));

        Assert.Single((await _app.SendAsync(new ListCases.Query { Text = "Archive me" })).Items);
        Assert.DoesNotContain((await _app.SendAsync(new ListArchivedCases.Query())).Items, i => i.Id == created.Id);
        var archiving = await _app.WithDbAsync(db => db.CaseHistory.Where(h => h.CaseId == created.Id && h.Field == "IsArchived").OrderBy(h => h.Id).ToListAsync());
        Assert.Equal([("no", "yes"), ("yes", "no")], archiving.Select(h => (h.OldValue, h.NewValue)));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Cases.CountAsync(c => c.Id == created.Id)));
    }

    [Fact]
    public async Task Restricted_values_in_history_are_masked_for_roles_that_may_not_see_them()
    {
        var created = await _app.SendAsync(NewCase());
        await _app.SendAsync(new AddOfficer.Command { CaseId = created.Id, Cipher = "q9", RealName = "Zebedee Quartermain", UnderAnonymityOrder = true });

        _app.User.CanSeeRestricted = false;
        var asResearcher = (await _app.SendAsync(new GetCaseHistory.Query(created.Id)))!;
        _app.User.CanSeeRestricted = true;
        var asCaseworker = (await _app.SendAsync(new GetCaseHistory.Query(created.Id)))!;

        var hidden = Assert.Single(asResearcher.Entries.Items.SelectMany(e => e.Items), i => i.Field == "Real name");
        Assert.True(hidden.Masked);
        Assert.Null(hidden.NewValue);
        Assert.Equal("Officer Q9", hidden.Part);
        Assert.Equal("Zebedee Quartermain", Assert.Single(asCaseworker.Entries.Items.SelectMany(e => e.Items), i => i.Field == "Real name").NewValue);
        Assert.Contains(asResearcher.Entries.Items.SelectMany(e => e.Items), i => i.Field == "Cipher" && i.NewValue == "Q9");
    }

    [Fact]
    public async Task History_entries_cannot_be_changed_or_deleted()
    {
        var created = await _app.SendAsync(NewCase());

        await _app.WithDbAsync(async db =>
        {
            var entry = await db.CaseHistory.FirstAsync(h => h.CaseId == created.Id);
            db.CaseHistory.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await _app.WithDbAsync(async db =>
        {
            var entry = await db.CaseHistory.FirstAsync(h => h.CaseId == created.Id);
            db.Entry(entry).Property(h => h.NewValue).CurrentValue = "rewritten";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task A_source_moved_from_a_stage_to_the_case_records_what_it_was_attached_to()
    {
        var created = await _app.SendAsync(NewCase());
        var stageId = (await _app.SendAsync(new AddStage.Command
        {
            CaseId = created.Id, Kind = StageKind.IopcInvestigation, Label = "IOPC investigation", StartDate = "2022-09-06", StartPrecision = DatePrecision.Day,
            SourceUrl = "https://www.policeconduct.gov.uk/news/example", SourceQuote = "We have begun an investigation",
        }))!.Value;
        var sourceId = await _app.WithDbAsync(db => db.Sources.Where(s => s.StageId == stageId).Select(s => s.Id).SingleAsync());
        var form = (await _app.SendAsync(new EditSource.Query(created.Id, sourceId)))!;
        Assert.Equal($"stage-{stageId}", form.AttachTo);
        Assert.Equal("policeconduct.gov.uk", form.SourcePublisher);

        Assert.True(await _app.SendAsync(form with { AttachTo = null, SourcePublisher = "IOPC" }));

        var source = await _app.WithDbAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.Id == sourceId));
        Assert.Null(source.StageId);
        var moved = await _app.WithDbAsync(db => db.CaseHistory.SingleAsync(h => h.SourceId == sourceId && h.Field == "AttachedTo" && h.Change == HistoryChange.Edited));
        Assert.Equal("stage “IOPC investigation”", moved.OldValue);
        Assert.Equal("the case as a whole", moved.NewValue);
    }

    [Fact]
    public async Task A_source_cannot_be_attached_to_another_cases_stage()
    {
        var mine = await _app.SendAsync(NewCase());
        var other = await _app.SendAsync(NewCase("Other"));
        var otherStage = (await _app.SendAsync(new AddStage.Command { CaseId = other.Id, Kind = StageKind.Inquest, StartPrecision = DatePrecision.Unknown }))!.Value;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddSource.Command
        {
            CaseId = mine.Id, AttachTo = $"stage-{otherStage}", SourceUrl = "https://example.org/a",
        }));

        Assert.True(refused.Errors.ContainsKey("AttachTo"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Sources.CountAsync(s => s.CaseId == mine.Id)));
    }

    [Fact]
    public async Task Closing_a_stage_sets_its_end_and_outcome()
    {
        var created = await _app.SendAsync(NewCase());
        var stageId = (await _app.SendAsync(new AddStage.Command { CaseId = created.Id, Kind = StageKind.CriminalTrial, StartDate = "2024-10-01", StartPrecision = DatePrecision.Day }))!.Value;
        var form = (await _app.SendAsync(new CloseStage.Query(created.Id, stageId)))!;

        Assert.True(await _app.SendAsync(form with { EndDate = "2024-10-21", EndPrecision = DatePrecision.Day, Outcome = "Acquitted of murder" }));

        var details = (await _app.SendAsync(new GetCaseDetails.Query(created.Id)))!;
        var stage = Assert.Single(details.Timeline);
        Assert.False(stage.IsRunning);
        Assert.Equal(PartialDate.OnDay(2024, 10, 21), stage.End);
        Assert.Equal("Acquitted of murder", stage.Outcome);
        Assert.Equal("Criminal trial", stage.Label);
    }

    [Fact]
    public async Task Officer_ciphers_are_unique_per_case_and_edits_keep_them_so()
    {
        var created = await _app.SendAsync(NewCase());
        await _app.SendAsync(new AddOfficer.Command { CaseId = created.Id, Cipher = "NX121" });
        var secondId = (await _app.SendAsync(new AddOfficer.Command { CaseId = created.Id, Cipher = "W80" }))!.Value;

        var duplicate = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficer.Command { CaseId = created.Id, Cipher = "nx121" }));
        var renamed = await Assert.ThrowsAsync<RequestValidationException>(async () => await _app.SendAsync((await _app.SendAsync(new EditOfficer.Query(created.Id, secondId)))! with { Cipher = "NX121" }));

        Assert.Equal(["Officer NX121 is already recorded on this case."], duplicate.Errors["Cipher"]);
        Assert.Equal(["Officer NX121 is already recorded on this case."], renamed.Errors["Cipher"]);
        Assert.True(await _app.SendAsync((await _app.SendAsync(new EditOfficer.Query(created.Id, secondId)))! with { Cipher = "W81", PubliclyNamedOn = "2024-03-08" }));
        var officer = await _app.WithDbAsync(db => db.Officers.AsNoTracking().SingleAsync(o => o.Id == secondId));
        Assert.Equal(("W81", new DateOnly(2024, 3, 8)), (officer.Cipher, officer.PubliclyNamedOn));
    }
}
