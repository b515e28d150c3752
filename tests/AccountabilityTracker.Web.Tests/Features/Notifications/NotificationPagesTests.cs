using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Notifications;

/// <summary>Following over HTTP, the bell, "My cases", e-mail off on the profile, and the anonymous calendar feed (404 once revoked).</summary>
public sealed partial class NotificationPagesTests : IClassFixture<TrackerAppFactory>
{
    private readonly TrackerAppFactory _factory;

    public NotificationPagesTests(TrackerAppFactory factory) => _factory = factory;

    [Fact]
    public async Task A_researcher_follows_a_case_hears_of_an_edit_under_the_bell_and_reads_it()
    {
        var researcher = await _factory.CreateClientForAsync(Roles.Researcher);
        var caseworker = await _factory.CreateClientForAsync(Roles.Caseworker);
        var kabaId = await KabaIdAsync();

        var page = await Forms.GetAsync(researcher, $"/cases/{kabaId}");
        Assert.Contains("Follow this case", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(researcher, $"/cases/{kabaId}/follow", page, [])).StatusCode);
        Assert.Contains("Stop following", await Forms.GetAsync(researcher, $"/cases/{kabaId}"), StringComparison.Ordinal);
        Assert.Contains("Kaba", await Forms.GetAsync(researcher, "/my-cases"), StringComparison.Ordinal);

        // Someone else edits the case; the job raises the notification.
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        var form = await Forms.GetAsync(caseworker, $"/cases/{kabaId}");
        await Forms.PostAsync(caseworker, $"/cases/{kabaId}/follow", form, []);
        await _factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrackerDbContext>();
            var kaba = await db.Cases.SingleAsync(c => c.Id == kabaId);
            kaba.RecordConfidentialNotes("Seen by reps only", _factory.Time.GetUtcNow().UtcDateTime);
            var stage = await db.Stages.Include(s => s.Case).Where(s => s.CaseId == kabaId).OrderBy(s => s.Id).FirstAsync();
            stage.Edit(stage.Kind, stage.Label, stage.Start, stage.End, stage.Outcome, "Hearing listed", _factory.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return true;
        });
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await _factory.SendAsync(new RaiseNotifications.Command());

        var home = await Forms.GetAsync(researcher, "/cases");
        Assert.Matches(BellCount(), home);
        var list = await Forms.GetAsync(researcher, "/notifications");
        Assert.Contains($"href=\"/cases/{kabaId}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Seen by reps only", list, StringComparison.Ordinal);
        Assert.DoesNotContain("ConfidentialNotes", list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(researcher, "/notifications/read-all", list, [])).StatusCode);
        Assert.DoesNotMatch(BellCount(), await Forms.GetAsync(researcher, "/cases"));
    }

    [Fact]
    public async Task The_profile_says_email_is_off_and_the_feed_is_anonymous_until_revoked()
    {
        var client = await _factory.CreateClientForAsync(Roles.Analyst);
        Assert.Contains("E-mail is not set up on this server", await Forms.GetAsync(client, "/profile"), StringComparison.Ordinal);
        var settings = await Forms.GetAsync(client, "/profile/notifications");
        var created = await Forms.PostAsync(client, "/profile/notifications/feed", settings, []);
        var html = await created.Content.ReadAsStringAsync();
        var url = FeedUrl().Match(html).Groups[1].Value;
        Assert.StartsWith("http", url, StringComparison.Ordinal);

        var calendar = _factory.CreateAnonymousClient();
        var feed = await calendar.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Forms.PostAsync(client, "/profile/notifications/feed/revoke", await Forms.GetAsync(client, "/profile/notifications"), []);
        Assert.Equal(HttpStatusCode.NotFound, (await calendar.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await calendar.GetAsync("/feeds/not-a-token.ics")).StatusCode);
    }

    [Fact]
    public async Task A_digest_hour_out_of_range_is_refused_beside_the_field()
    {
        var client = await _factory.CreateClientForAsync(Roles.Researcher);
        var settings = await Forms.GetAsync(client, "/profile/notifications");
        var refused = await Forms.PostAsync(client, "/profile/notifications/digest", settings, new() { ["Enabled"] = "true", ["Hour"] = "25" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose an hour from 0 to 23.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<int> KabaIdAsync() =>
        _factory.WithServicesAsync(services => services.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.Title.Contains("Kaba")).Select(c => c.Id).SingleAsync());

    [GeneratedRegex("notification-count\">[1-9]")]
    private static partial Regex BellCount();

    [GeneratedRegex("id=\"feed-url\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FeedUrl();
}
