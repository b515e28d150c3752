using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Notifications;

/// <summary>
/// The notification job with a fake clock: moving "today" across a warning date and a due date raises exactly one
/// notification per follower per transition; running it again, after a restart, or on two instances at once adds none.
/// </summary>
public sealed class RaiseNotificationsTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Crossing_the_warning_and_due_dates_notifies_each_follower_once_per_transition()
    {
        var rep = await _app.CreateUserAsync("rep@example.org", Roles.Caseworker);
        var researcher = await _app.CreateUserAsync("researcher@example.org", Roles.Researcher);
        var (caseId, stageId) = await _app.CreateCaseAsync("NT-1", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync("rep@example.org", caseId);
        await _app.FollowAsync("researcher@example.org", caseId);
        var clock = await _app.StageClockAsync(stageId);
        Assert.True(clock.WarnEarliest > new DateOnly(2026, 11, 23));

        // Nothing has happened since they started following (the whole-case clock went overdue in 2023, before that).
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);

        _app.MoveTo(clock.WarnEarliest!.Value);
        Assert.Equal(2, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);

        _app.MoveTo(clock.DueLatest!.Value.AddDays(1));
        Assert.Equal(2, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);

        var raised = await _app.NotificationsAsync();
        Assert.Equal(4, raised.Count);
        foreach (var user in new[] { rep, researcher })
        {
            Assert.Single(raised, n => n.UserId == user && n.Kind == "Approaching");
            Assert.Single(raised, n => n.UserId == user && n.Kind == "Overdue");
        }

        Assert.All(raised, n => Assert.Contains("NT-1", n.Text, StringComparison.Ordinal));

        // A restart (new services, caches and leases over the same database) adds nothing.
        var restarted = await _app.RestartWithAsync(TestApplication.ShippedClockOptions());
        _app = restarted;
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
        Assert.Equal(4, (await _app.NotificationsAsync()).Count);
    }

    [Fact]
    public async Task Two_instances_running_the_job_at_once_raise_each_notification_once()
    {
        var rep = await _app.CreateUserAsync("rep2@example.org", Roles.Caseworker);
        var researcher = await _app.CreateUserAsync("researcher2@example.org", Roles.Researcher);
        var (caseId, stageId) = await _app.CreateCaseAsync("NT-2", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync("rep2@example.org", caseId);
        await _app.FollowAsync("researcher2@example.org", caseId);
        var clock = await _app.StageClockAsync(stageId);
        _app.MoveTo(clock.DueLatest!.Value.AddDays(1));

        var second = _app.SecondInstance();
        await using (second)
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? _app : second).SendAsync(new RaiseNotifications.Command())));
            Assert.Equal(4, runs.Sum(r => r.Created));
        }

        var raised = await _app.NotificationsAsync();
        Assert.Equal(4, raised.Count);
        Assert.Equal(2, raised.Count(n => n.UserId == rep));
        Assert.Equal(2, raised.Count(n => n.UserId == researcher));
        Assert.Equal(4, raised.Select(n => (n.UserId, n.Kind)).Distinct().Count());
    }

    [Fact]
    public async Task Someone_elses_edit_and_a_concluded_stage_notify_followers_without_restricted_fields()
    {
        var rep = await _app.CreateUserAsync("rep3@example.org", Roles.Caseworker);
        var other = await _app.CreateUserAsync("other3@example.org", Roles.Caseworker);
        var researcher = await _app.CreateUserAsync("researcher3@example.org", Roles.Researcher);
        var (caseId, stageId) = await _app.CreateCaseAsync("NT-3", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync("rep3@example.org", caseId);
        await _app.FollowAsync("other3@example.org", caseId);
        await _app.FollowAsync("researcher3@example.org", caseId);
        _app.Time.Advance(TimeSpan.FromMinutes(5));

        // Only a restricted field changes: the researcher may not even learn which.
        await _app.AsUserAsync("rep3@example.org", async db =>
        {
            var target = await db.Cases.SingleAsync(c => c.Id == caseId);
            target.RecordConfidentialNotes("ANOTHER-SECRET", _app.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        await _app.AsUserAsync("rep3@example.org", async db =>
        {
            var stage = await db.Stages.Include(s => s.Case).SingleAsync(s => s.Id == stageId);
            stage.Close(PartialDate.OnDay(2026, 11, 23), "No further action", _app.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        await _app.SendAsync(new RaiseNotifications.Command());
        var raised = await _app.NotificationsAsync();

        Assert.True(!raised.Any(n => n.UserId == rep && n.Kind == "Edited"), string.Join("\n", raised.Select(n => $"{n.UserId == rep} {n.Kind} {n.Text}")));
        Assert.Equal(2, raised.Count(n => n.UserId == other && n.Kind == "Edited"));
        Assert.Single(raised, n => n.UserId == researcher && n.Kind == "Edited");
        Assert.All(new[] { rep, other, researcher }, u => Assert.Single(raised, n => n.UserId == u && n.Kind == "ConcludedInTime"));
        Assert.All(raised, n =>
        {
            Assert.DoesNotContain("SECRET", n.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Realname", n.Text, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(raised, n => n.UserId == researcher && n.Text.Contains("ConfidentialNotes", StringComparison.Ordinal));
        Assert.Contains(raised, n => n.UserId == other && n.Text.Contains("ConfidentialNotes", StringComparison.Ordinal));
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
    }

    [Fact]
    public async Task A_progress_report_falling_due_notifies_each_follower_once()
    {
        var rep = await _app.CreateUserAsync("rep5@example.org", Roles.Caseworker);
        var (caseId, stageId) = await _app.CreateCaseAsync("NT-5", StageKind.IopcInvestigation, new DateOnly(2025, 12, 1));
        await _app.FollowAsync("rep5@example.org", caseId);
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);

        // IOPC investigations report 12 months from the start (reg 13): 1 Dec 2026, also the last day within the limit.
        _app.MoveTo(new DateOnly(2026, 12, 1));
        Assert.Equal(1, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
        Assert.Equal(0, (await _app.SendAsync(new RaiseNotifications.Command())).Created);
        var report = Assert.Single(await _app.NotificationsAsync());
        Assert.Equal((rep, "ReportDue"), (report.UserId, report.Kind));
        Assert.Contains("1 Dec 2026", report.Text, StringComparison.Ordinal);
        Assert.NotNull((await _app.StageClockAsync(stageId)).ReportsFrom);
    }

    [Fact]
    public async Task Whoever_creates_a_case_follows_it_and_can_stop()
    {
        await _app.CreateUserAsync("creator@example.org", Roles.Caseworker);
        _app.User.Name = "creator@example.org";
        var created = await _app.SendAsync(CaseLoggingTests.NewCase("Followed from the start"));
        Assert.True(await _app.SendAsync(new GetFollowState.Query(created.Id)));
        Assert.Contains(await _app.SendAsync(new ListFollowedCases.Query()), c => c.CaseId == created.Id);

        Assert.True(await _app.SendAsync(new UnfollowCase.Command(created.Id)));
        Assert.False(await _app.SendAsync(new GetFollowState.Query(created.Id)));
        Assert.Empty(await _app.SendAsync(new ListFollowedCases.Query()));
        Assert.Equal(1, await _app.WithDbAsync(db => db.CaseFollows.CountAsync(f => f.CaseId == created.Id && f.StoppedAtUtc != null)));
    }

    [Fact]
    public async Task Followers_of_an_archived_case_hear_nothing_unless_administrators()
    {
        await _app.CreateUserAsync("rep4@example.org", Roles.Caseworker);
        var admin = await _app.CreateUserAsync("admin4@example.org", Roles.Administrator);
        var (caseId, stageId) = await _app.CreateCaseAsync("NT-4", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync("rep4@example.org", caseId);
        await _app.FollowAsync("admin4@example.org", caseId);
        await _app.WithDbAsync(async db =>
        {
            (await db.Cases.SingleAsync(c => c.Id == caseId)).Archive(_app.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        var clock = await _app.StageClockAsync(stageId);
        _app.MoveTo(clock.DueLatest!.Value.AddDays(1));

        await _app.SendAsync(new RaiseNotifications.Command());
        Assert.All(await _app.NotificationsAsync(), n => Assert.Equal(admin, n.UserId));
    }
}
