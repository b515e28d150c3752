using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Tests.Shared;
using Ical.Net;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AccountabilityTracker.Application.Tests.Features.Notifications;

/// <summary>
/// The daily digest through a real SMTP server on 127.0.0.1 (aiosmtpd; see <see cref="SmtpSink"/>), sent once even
/// when two instances run the job at the same moment; and the calendar feed parsed back with Ical.Net.
/// </summary>
public sealed class DigestAndFeedTests : IClassFixture<DigestAndFeedTests.Smtp>, IAsyncLifetime
{
    private readonly Smtp _smtp;
    private readonly FlakyMailSender _flaky = new();
    private TestApplication _app = null!;

    public DigestAndFeedTests(Smtp smtp) => _smtp = smtp;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync(Configure);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_digest_arrives_once_with_the_followed_cases_and_no_restricted_fields_when_two_instances_run_it_at_once()
    {
        var email = $"digest-{Guid.NewGuid():N}@example.org";
        await _app.CreateUserAsync(email, Roles.Researcher);
        var (followed, stageId) = await _app.CreateCaseAsync("DG-1", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.CreateCaseAsync("DG-2", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync(email, followed);
        await ChooseDigestAsync(email, hour: 8);

        // Before 08:00 (UK) nothing is due; past the due date a notification is raised, then the digest goes at 08:00.
        var clock = await _app.StageClockAsync(stageId);
        _app.Time.SetUtcNow(new DateTimeOffset(clock.DueLatest!.Value.AddDays(1).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));
        await _app.SendAsync(new RaiseNotifications.Command());
        Assert.Equal(0, (await _app.SendAsync(new SendDigests.Command())).Sent);
        _app.Time.Advance(TimeSpan.FromHours(1));

        var second = _app.SecondInstance(Configure);
        await using (second)
        {
            var runs = await Task.WhenAll(_app.SendAsync(new SendDigests.Command()), second.SendAsync(new SendDigests.Command()), _app.SendAsync(new SendDigests.Command()));
            Assert.Equal(1, runs.Sum(r => r.Sent));
        }

        var message = Assert.Single(_smtp.Sink.MessagesTo(email));
        Assert.Contains("DG-1", message, StringComparison.Ordinal);
        Assert.Contains("overdue", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DG-2", message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-SECRET-NOTE", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Realname", message, StringComparison.Ordinal);

        // Later runs that day, and a restart, send nothing more; what was sent is recorded.
        _app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, (await _app.SendAsync(new SendDigests.Command())).Sent);
        var restarted = _app.SecondInstance(Configure);
        await using (restarted)
        {
            Assert.Equal(0, (await restarted.SendAsync(new SendDigests.Command())).Sent);
        }

        Assert.Single(_smtp.Sink.MessagesTo(email));
        var delivery = await _app.WithDbAsync(db => db.DigestDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(DigestStatus.Sent, delivery.Status);
        Assert.Equal("DG-1", delivery.Summary);
        Assert.Equal(1, delivery.CaseCount);
    }

    [Fact]
    public async Task A_failed_send_is_recorded_and_retried_on_the_next_run()
    {
        var email = $"retry-{Guid.NewGuid():N}@example.org";
        await _app.CreateUserAsync(email, Roles.Caseworker);
        var (caseId, _) = await _app.CreateCaseAsync("DG-3", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync(email, caseId);
        await ChooseDigestAsync(email, hour: 0, onlyWhenChanged: false);

        _flaky.FailNext = true;
        var first = await _app.SendAsync(new SendDigests.Command());
        Assert.Equal((0, 1), (first.Sent, first.Failed));
        Assert.Empty(_smtp.Sink.MessagesTo(email));
        Assert.Equal(DigestStatus.Failed, (await _app.WithDbAsync(db => db.DigestDeliveries.AsNoTracking().SingleAsync())).Status);

        var retry = await _app.SendAsync(new SendDigests.Command());
        Assert.Equal(1, retry.Sent);
        Assert.Single(_smtp.Sink.MessagesTo(email));
        var delivery = await _app.WithDbAsync(db => db.DigestDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal((DigestStatus.Sent, 2), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task The_feed_has_one_event_per_due_and_report_date_and_follows_a_moved_date()
    {
        var email = $"feed-{Guid.NewGuid():N}@example.org";
        await _app.CreateUserAsync(email, Roles.Researcher);
        var (caseId, stageId) = await _app.CreateCaseAsync("FD-1", StageKind.IopcInvestigation, new DateOnly(2026, 6, 1));
        await _app.CreateCaseAsync("FD-2", StageKind.CpsDecision, new DateOnly(2026, 10, 1));
        await _app.FollowAsync(email, caseId);
        _app.User.Name = email;
        var token = await _app.SendAsync(new RenewCalendarFeed.Command());
        Assert.True(token.Length >= 40);
        Assert.DoesNotContain(token, await _app.WithDbAsync(db => db.CalendarFeedTokens.Select(t => t.TokenHash).SingleAsync()), StringComparison.Ordinal);

        var calendar = Calendar.Load((await _app.SendAsync(new GetCalendarFeed.Query(token, "https://tracker.example")))!)!;
        var clock = await _app.StageClockAsync(stageId);
        var caseDue = await _app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Clock.DueLatest).SingleAsync());

        // The stage's due date and its first progress report (12 months, IOPC), and the whole case's due date.
        Assert.Equal(3, calendar.Events.Count);
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("Due:", StringComparison.Ordinal) && DateOnly.FromDateTime(e.DtStart!.Value) == clock.DueLatest);
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("Due:", StringComparison.Ordinal) && DateOnly.FromDateTime(e.DtStart!.Value) == caseDue);
        Assert.Single(calendar.Events, e => e.Summary!.StartsWith("Report due:", StringComparison.Ordinal));
        Assert.All(calendar.Events, e => Assert.Contains("FD-1", e.Summary, StringComparison.Ordinal));
        Assert.DoesNotContain("TOP-SECRET-NOTE", await _app.SendAsync(new GetCalendarFeed.Query(token, null)), StringComparison.Ordinal);

        // An extension moves the stage's due date: the same event (same UID) now falls on the new date.
        var stageUid = calendar.Events.Single(e => e.Summary!.StartsWith("Due:", StringComparison.Ordinal) && DateOnly.FromDateTime(e.DtStart!.Value) == clock.DueLatest).Uid;
        await _app.WithDbAsync(async db =>
        {
            var stage = await db.Stages.Include(s => s.Case).Include(s => s.Extensions).SingleAsync(s => s.Id == stageId);
            stage.Extend(new DateOnly(2026, 11, 23), 18, null, "Complex investigation", _app.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        var moved = await _app.StageClockAsync(stageId);
        Assert.NotEqual(clock.DueLatest, moved.DueLatest);
        var after = Calendar.Load((await _app.SendAsync(new GetCalendarFeed.Query(token, null)))!)!;
        Assert.Equal(moved.DueLatest, DateOnly.FromDateTime(after.Events.Single(e => e.Uid == stageUid).DtStart!.Value));

        // Revoked: the secret no longer opens a feed.
        Assert.True(await _app.SendAsync(new RevokeCalendarFeed.Command()));
        Assert.Null(await _app.SendAsync(new GetCalendarFeed.Query(token, null)));
    }

    private void Configure(IServiceCollection services)
    {
        services.AddSingleton(new EmailOptions { Host = _smtp.Sink.Host, Port = _smtp.Sink.Port, Security = SecureSocketOptions.None, From = "tracker@example.org" });
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<IMailSender>(provider =>
        {
            _flaky.Inner = provider.GetRequiredService<SmtpMailSender>();
            return _flaky;
        });
    }

    private async Task ChooseDigestAsync(string userName, int hour, bool onlyWhenChanged = true)
    {
        var before = _app.User.Name;
        _app.User.Name = userName;
        await _app.SendAsync(new UpdateDigestSettings.Command { Enabled = true, Hour = hour, OnlyWhenChanged = onlyWhenChanged });
        _app.User.Name = before;
    }

    public sealed class Smtp : IDisposable
    {
        public SmtpSink Sink { get; } = new();

        public void Dispose() => Sink.Dispose();
    }

    /// <summary>The real SMTP sender, failing the next send on request (a server refusing, a dropped connection).</summary>
    private sealed class FlakyMailSender : IMailSender
    {
        public SmtpMailSender? Inner { get; set; }

        public bool FailNext { get; set; }

        public bool IsConfigured => true;

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("connection dropped");
            }

            return Inner!.SendAsync(message, cancellationToken);
        }
    }
}
