using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Concurrency;

/// <summary>
/// No lost edits: two people editing one record keep both their changes; a field both changed is shown with both values
/// and only overwritten by an explicit choice; a write that loses a race is run again or refused in plain words, never
/// a failure, for every editable record and every stage action.
/// </summary>
public sealed class ConcurrentEditsTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private TestApplication _app = null!;
    private int _caseId;
    private int _stageId;
    private int _milestoneId;
    private int _officerId;
    private int _sourceId;
    private string _database = string.Empty;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _database = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await _app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2026-0001", incident: PartialDate.OnDay(2026, 2, 27), location: "Croydon");
            var stage = subject.WithStage(StageKind.Inquest, PartialDate.OnDay(2026, 3, 1), label: "Inquest opened");
            var milestone = subject.AddMilestone("Officer arrested", PartialDate.OnDay(2026, 3, 5), "Released on bail", Now);
            var officer = subject.AddOfficer("W80", null, underAnonymityOrder: true, null, Now);
            subject.AddSource(new SourceDetails(new Uri("https://example.org/a"), "Example", null, "quoted"), Now, stage);
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            (_caseId, _stageId, _milestoneId, _officerId) = (subject.Id, stage.Id, milestone.Id, officer.Id);
            _sourceId = subject.Sources.Single().Id;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Two_users_edit_the_same_case_one_the_location_one_the_summary_and_both_changes_are_kept()
    {
        // Issue 14's scenario: both open /cases/{id}/edit; one changes Location and saves; the other only Summary.
        var first = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        var second = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        await _app.SendAsync(first with { Location = "Streatham Hill" });

        Assert.True(await _app.SendAsync(second with { Summary = "Shot through the windscreen." }));

        var stored = await _app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == _caseId));
        Assert.Equal("Streatham Hill", stored.Location);
        Assert.Equal("Shot through the windscreen.", stored.Summary);
    }

    [Fact]
    public async Task A_field_both_changed_is_shown_with_both_values_and_saving_again_keeps_theirs_until_yours_is_entered()
    {
        var first = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        var second = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        await _app.SendAsync(first with { Location = "Streatham Hill", Title = "Renamed by the first" });

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(second with { Location = "Brixton", Summary = "Added by the second" }));

        var message = Assert.Single(conflict.Errors["Location"]);
        Assert.Contains("“Streatham Hill”", message, StringComparison.Ordinal);
        Assert.Contains("“Brixton”", message, StringComparison.Ordinal);
        Assert.False(conflict.Errors.ContainsKey("Title"));
        Assert.False(conflict.Errors.ContainsKey("Summary"));
        var resolved = Assert.IsType<EditCase.Command>(conflict.Resolved);
        Assert.Equal(("Streatham Hill", "Renamed by the first", "Added by the second"), (resolved.Location, resolved.Title, resolved.Summary));
        var stored = await _app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == _caseId));
        Assert.Equal(("Streatham Hill", (string?)null), (stored.Location, stored.Summary));

        // Saving the combined form as shown keeps the other person's location; only entering one's own replaces it.
        Assert.True(await _app.SendAsync(resolved));
        stored = await _app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == _caseId));
        Assert.Equal(("Streatham Hill", "Renamed by the first", "Added by the second"), (stored.Location, stored.Title, stored.Summary));
        var again = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        Assert.True(await _app.SendAsync(again with { Location = "Brixton" }));
        Assert.Equal("Brixton", await _app.WithDbAsync(db => db.Cases.Where(c => c.Id == _caseId).Select(c => c.Location).SingleAsync()));
    }

    [Fact]
    public async Task A_stale_edit_from_the_api_without_the_opened_values_is_refused_with_what_is_stored_now()
    {
        var first = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
        var second = (await _app.SendAsync(new EditCase.Query(_caseId)))! with { Opened = null };
        await _app.SendAsync(first with { Location = "Streatham Hill" });

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(second with { Summary = "x" }));

        Assert.Contains("“Streatham Hill”", Assert.Single(conflict.Errors["Location"]), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, conflict.CurrentVersion);
        Assert.Equal("Streatham Hill", await _app.WithDbAsync(db => db.Cases.Where(c => c.Id == _caseId).Select(c => c.Location).SingleAsync()));
    }

    [Fact]
    public async Task Two_users_edit_different_fields_of_a_stage_and_both_changes_are_kept()
    {
        var first = (await _app.SendAsync(new EditStage.Query(_caseId, _stageId)))!;
        var second = (await _app.SendAsync(new EditStage.Query(_caseId, _stageId)))!;
        await _app.SendAsync(first with { Outcome = "Adjourned" });

        Assert.True(await _app.SendAsync(second with { Notes = "Coroner: Sarah Ormond-Walshe" }));

        var stored = await _app.WithDbAsync(db => db.Stages.AsNoTracking().SingleAsync(s => s.Id == _stageId));
        Assert.Equal(("Adjourned", "Coroner: Sarah Ormond-Walshe"), (stored.Outcome, stored.Notes));
    }

    [Fact]
    public async Task Two_users_edit_different_fields_of_a_milestone_and_both_changes_are_kept_and_the_same_field_conflicts()
    {
        var first = (await _app.SendAsync(new EditMilestone.Query(_caseId, _milestoneId)))!;
        var second = (await _app.SendAsync(new EditMilestone.Query(_caseId, _milestoneId)))!;
        var third = (await _app.SendAsync(new EditMilestone.Query(_caseId, _milestoneId)))!;
        await _app.SendAsync(first with { Label = "Officer arrested on suspicion of murder" });

        Assert.True(await _app.SendAsync(second with { Notes = "Bail extended" }));
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(third with { Label = "Arrest" }));

        Assert.Contains("“Arrest”", Assert.Single(conflict.Errors["Label"]), StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Milestones.AsNoTracking().SingleAsync(m => m.Id == _milestoneId));
        Assert.Equal(("Officer arrested on suspicion of murder", "Bail extended"), (stored.Label, stored.Notes));
    }

    [Fact]
    public async Task Two_users_edit_different_fields_of_an_officer_and_both_changes_are_kept()
    {
        var first = (await _app.SendAsync(new EditOfficer.Query(_caseId, _officerId)))!;
        var second = (await _app.SendAsync(new EditOfficer.Query(_caseId, _officerId)))!;
        await _app.SendAsync(first with { RealName = "Martyn Blake" });

        Assert.True(await _app.SendAsync(second with { PubliclyNamedOn = "2024-03-08" }));

        var stored = await _app.WithDbAsync(db => db.Officers.AsNoTracking().SingleAsync(o => o.Id == _officerId));
        Assert.Equal(("Martyn Blake", new DateOnly(2024, 3, 8)), (stored.RealName, stored.PubliclyNamedOn));
    }

    [Fact]
    public async Task Two_users_edit_different_fields_of_a_source_and_both_changes_are_kept()
    {
        var first = (await _app.SendAsync(new EditSource.Query(_caseId, _sourceId)))!;
        var second = (await _app.SendAsync(new EditSource.Query(_caseId, _sourceId)))!;
        await _app.SendAsync(first with { SourcePublisher = "IOPC" });

        Assert.True(await _app.SendAsync(second with { SourceQuote = "The officer was named." }));

        var stored = await _app.WithDbAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.Id == _sourceId));
        Assert.Equal(("IOPC", "The officer was named."), (stored.Publisher, stored.Quote));
    }

    public static TheoryData<string> Records() => ["case", "stage", "milestone", "officer", "source"];

    /// <summary>Someone else saves between this edit's read and its save: it runs again on what is stored, combining both.</summary>
    [Theory]
    [MemberData(nameof(Records))]
    public async Task An_edit_that_loses_a_race_between_read_and_save_keeps_both_changes(string record)
    {
        switch (record)
        {
            case "case":
                var c = (await _app.SendAsync(new EditCase.Query(_caseId)))!;
                Race<Case>(x => x.Id == _caseId, () => _app.SendAsync(c with { Location = "Theirs" }));
                Assert.True(await _app.SendAsync(c with { Summary = "Mine" }));
                Assert.Equal(("Theirs", "Mine"), await _app.WithDbAsync(async db =>
                {
                    var row = await db.Cases.Where(x => x.Id == _caseId).Select(x => new { First = x.Location, Second = x.Summary }).SingleAsync();
                    return (row.First, row.Second);
                }));
                break;
            case "stage":
                var s = (await _app.SendAsync(new EditStage.Query(_caseId, _stageId)))!;
                Race<Stage>(x => x.Id == _stageId, () => _app.SendAsync(s with { Outcome = "Theirs" }));
                Assert.True(await _app.SendAsync(s with { Notes = "Mine" }));
                Assert.Equal(("Theirs", "Mine"), await _app.WithDbAsync(async db =>
                {
                    var row = await db.Stages.Where(x => x.Id == _stageId).Select(x => new { First = x.Outcome, Second = x.Notes }).SingleAsync();
                    return (row.First, row.Second);
                }));
                break;
            case "milestone":
                var m = (await _app.SendAsync(new EditMilestone.Query(_caseId, _milestoneId)))!;
                Race<Milestone>(x => x.Id == _milestoneId, () => _app.SendAsync(m with { Label = "Theirs" }));
                Assert.True(await _app.SendAsync(m with { Notes = "Mine" }));
                Assert.Equal(("Theirs", "Mine"), await _app.WithDbAsync(async db =>
                {
                    var row = await db.Milestones.Where(x => x.Id == _milestoneId).Select(x => new { First = x.Label, Second = x.Notes }).SingleAsync();
                    return (row.First, row.Second);
                }));
                break;
            case "officer":
                var o = (await _app.SendAsync(new EditOfficer.Query(_caseId, _officerId)))!;
                Race<Officer>(x => x.Id == _officerId, () => _app.SendAsync(o with { RealName = "Theirs" }));
                Assert.True(await _app.SendAsync(o with { PubliclyNamedOn = "2024-03-08" }));
                Assert.Equal(("Theirs", (DateOnly?)new DateOnly(2024, 3, 8)), await _app.WithDbAsync(async db =>
                {
                    var row = await db.Officers.Where(x => x.Id == _officerId).Select(x => new { First = x.RealName, Second = x.PubliclyNamedOn }).SingleAsync();
                    return (row.First, row.Second);
                }));
                break;
            default:
                var src = (await _app.SendAsync(new EditSource.Query(_caseId, _sourceId)))!;
                Race<Source>(x => x.Id == _sourceId, () => _app.SendAsync(src with { SourcePublisher = "Theirs" }));
                Assert.True(await _app.SendAsync(src with { SourceQuote = "Mine" }));
                Assert.Equal(("Theirs", "Mine"), await _app.WithDbAsync(async db =>
                {
                    var row = await db.Sources.Where(x => x.Id == _sourceId).Select(x => new { First = x.Publisher, Second = x.Quote }).SingleAsync();
                    return (row.First, row.Second);
                }));
                break;
        }
    }

    [Fact]
    public async Task Two_extensions_granted_at_the_same_moment_are_both_recorded()
    {
        Race<Stage>(x => x.Id == _stageId, () => _app.SendAsync(Extend(9, "Theirs")));

        Assert.NotNull(await _app.SendAsync(Extend(12, "Mine")));

        var reasons = await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).SelectMany(x => x.Extensions).Select(e => e.Reason).ToListAsync());
        Assert.Equal(["Mine", "Theirs"], reasons.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_pauses_at_the_same_moment_record_one_and_refuse_the_other_in_plain_words()
    {
        Race<Stage>(x => x.Id == _stageId, () => _app.SendAsync(Pause("Theirs")));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(Pause("Mine")));

        Assert.Contains("already paused", Assert.Single(refused.Errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
        Assert.Equal("Theirs", await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).SelectMany(x => x.Pauses).Select(p => p.Reason).SingleAsync()));
    }

    [Fact]
    public async Task Two_resumes_at_the_same_moment_resume_once_and_refuse_the_other_in_plain_words()
    {
        await _app.SendAsync(Pause("Suspended"));
        Race<Stage>(x => x.Id == _stageId, () => _app.SendAsync(new ResumeStage.Command { CaseId = _caseId, StageId = _stageId, On = new DateOnly(2026, 6, 1) }));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new ResumeStage.Command { CaseId = _caseId, StageId = _stageId, On = new DateOnly(2026, 7, 1) }));

        Assert.NotEmpty(refused.Errors);
        Assert.Equal(new DateOnly(2026, 6, 1), await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).SelectMany(x => x.Pauses).Select(p => p.To).SingleAsync()));
    }

    [Fact]
    public async Task Closing_a_stage_that_someone_paused_meanwhile_is_refused_with_what_is_stored_and_the_pause_is_kept()
    {
        var close = (await _app.SendAsync(new CloseStage.Query(_caseId, _stageId)))! with { EndDate = "2026-10-01", EndPrecision = DatePrecision.Day, Outcome = "Unlawful killing" };
        Race<Stage>(x => x.Id == _stageId, () => _app.SendAsync(Pause("Theirs")));

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(close));

        Assert.NotEmpty(refused.Errors[string.Empty]);
        Assert.Equal("Theirs", await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).SelectMany(x => x.Pauses).Select(p => p.Reason).SingleAsync()));

        // Closing again, on the version stored now, is a deliberate choice: it closes, and the pause stays.
        Assert.True(await _app.SendAsync(close with { Version = refused.CurrentVersion }));
    }

    [Fact]
    public async Task Archiving_a_case_someone_is_adding_a_stage_to_leaves_no_failure()
    {
        Race<Case>(x => x.Id == _caseId, () => _app.SendAsync(new ArchiveCase.Command(_caseId)));

        var added = await _app.SendAsync(new AddStage.Command { CaseId = _caseId, Kind = StageKind.CpsDecision, StartDate = "2026-04-01", StartPrecision = DatePrecision.Day });

        Assert.Null(added);
        Assert.True(await _app.WithDbAsync(db => db.Cases.Where(x => x.Id == _caseId).Select(x => x.IsArchived).SingleAsync()));
    }

    [Fact]
    public async Task Two_archives_at_the_same_moment_archive_once_and_the_other_finds_nothing_to_archive()
    {
        Race<Case>(x => x.Id == _caseId, () => _app.SendAsync(new ArchiveCase.Command(_caseId)));

        Assert.False(await _app.SendAsync(new ArchiveCase.Command(_caseId)));

        Assert.True(await _app.WithDbAsync(db => db.Cases.Where(x => x.Id == _caseId).Select(x => x.IsArchived).SingleAsync()));
    }

    [Fact]
    public async Task Two_restores_at_the_same_moment_restore_once_and_the_other_finds_nothing_to_restore()
    {
        await _app.SendAsync(new ArchiveCase.Command(_caseId));
        Race<Case>(x => x.Id == _caseId, () => _app.SendAsync(new RestoreCase.Command(_caseId)));

        Assert.False(await _app.SendAsync(new RestoreCase.Command(_caseId)));

        Assert.False(await _app.WithDbAsync(db => db.Cases.Where(x => x.Id == _caseId).Select(x => x.IsArchived).SingleAsync()));
    }

    [Fact]
    public async Task An_api_write_with_a_stale_version_is_refused_with_the_record_as_stored_and_changes_nothing()
    {
        var read = await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).Select(x => x.Version).SingleAsync());
        await _app.SendAsync(Pause("Theirs"));

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(Extend(12, "Mine") with { Version = read }));

        var stored = await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).Select(x => x.Version).SingleAsync());
        Assert.Equal(stored, refused.CurrentVersion);
        Assert.Equal(stored, refused.Current!["version"]!.GetValue<Guid>());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stages.Where(x => x.Id == _stageId).SelectMany(x => x.Extensions).CountAsync()));
    }

    [Fact]
    public async Task A_status_change_that_loses_a_race_is_refused_with_what_is_stored_and_the_other_change_is_kept()
    {
        var mine = (await _app.SendAsync(new SetCaseStatus.Query(_caseId)))! with { Status = CaseStatus.Awaiting, Note = "Mine" };
        Race<Case>(x => x.Id == _caseId, () => _app.SendAsync(mine with { Note = "Theirs" }));

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(mine));

        Assert.NotEmpty(refused.Errors[string.Empty]);
        Assert.Equal("Theirs", await _app.WithDbAsync(db => db.Cases.Where(x => x.Id == _caseId).Select(x => x.StatusNote).SingleAsync()));
    }

    [Fact]
    public async Task A_rule_change_that_loses_a_race_is_refused_in_plain_words_and_the_other_change_is_kept()
    {
        var rule = (await _app.SendAsync(new GetLimitRule.Query("Inquest")))!;
        var mine = new UpdateLimitRule.Command
        {
            Key = "Inquest",
            Version = rule.Version,
            IsEnabled = rule.Values.IsEnabled,
            Amount = 9,
            Unit = rule.Values.Unit,
            Anchor = rule.Values.Anchor,
            WarningPercent = rule.Values.WarningPercent,
            FirstReportAfterMonths = rule.Values.FirstReportAfterMonths,
            ReportEveryMonths = rule.Values.ReportEveryMonths,
            LegalSource = rule.Values.LegalSource,
            IsStatutory = rule.Values.IsStatutory,
        };
        Race<LimitRuleSetting>(x => x.Key == "Inquest", () => _app.SendAsync(mine with { Amount = 8 }));

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(mine));

        Assert.Equal(UpdateLimitRule.ConflictMessage, Assert.Single(refused.Errors[string.Empty]));
        Assert.Equal(8, (await _app.SendAsync(new GetLimitRule.Query("Inquest")))!.Values.Amount);
    }

    [Fact]
    public async Task A_role_change_that_loses_a_race_is_refused_in_plain_words_and_the_other_change_is_kept()
    {
        await _app.SendAsync(new PrepareFirstRun.Command("admin@tracker.test", "a long enough passphrase"));
        await _app.SendAsync(new CreateUser.Command("rep@tracker.test", "A Rep", "a long enough passphrase", [Roles.Caseworker]));
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "rep@tracker.test").Select(u => u.Id).SingleAsync());
        Race<TrackerUser>(u => u.Id == id, () => _app.SendAsync(new SetUserRoles.Command(id, [Roles.Analyst])));

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(new SetUserRoles.Command(id, [Roles.Researcher])));

        Assert.Equal(EditConflictException.RacedMessage, Assert.Single(refused.Errors[string.Empty]));
        Assert.Equal([Roles.Analyst], Assert.Single(await _app.SendAsync(new ListUsers.Query()), u => u.Id == id).Roles);
    }

    private PauseStage.Command Pause(string reason) => new() { CaseId = _caseId, StageId = _stageId, From = new DateOnly(2026, 5, 1), Reason = reason };

    private ExtendStage.Command Extend(int months, string reason) => new() { CaseId = _caseId, StageId = _stageId, GrantedOn = new DateOnly(2026, 8, 1), NewAmount = months, Reason = reason };

    private void Race<T>(Func<T, bool> when, Func<Task> competing) => RaceInterceptor.Shared.AfterNextRead(_database, e => e is T t && when(t), competing);
}
