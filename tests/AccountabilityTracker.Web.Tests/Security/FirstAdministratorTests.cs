using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Security;

public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task The_bootstrap_administrator_is_created_once_and_never_again()
    {
        using var first = new TrackerAppFactory();
        first.Settings["Bootstrap:AdminEmail"] = "boss@tracker.test";
        first.Settings["Bootstrap:AdminPassword"] = TrackerAppFactory.Password;
        using var client = first.CreateAnonymousClient();
        var signIn = await TrackerAppFactory.SignInAsync(client, "boss@tracker.test", TrackerAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // Same database, started again with different bootstrap settings: nothing new is created.
        using var second = new TrackerAppFactory();
        second.Settings["ConnectionStrings:Tracker"] = first.Database.ConnectionString;
        second.Settings["Bootstrap:AdminEmail"] = "someone-else@tracker.test";
        second.Settings["Bootstrap:AdminPassword"] = TrackerAppFactory.Password;
        var (users, created) = await second.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Users.Select(u => u.Email).ToListAsync(),
                await db.SecurityAudit.CountAsync(e => e.EventType == SecurityEventType.FirstAdministratorCreated));
        });

        Assert.Equal(["boss@tracker.test"], users);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Without_bootstrap_settings_the_setup_link_creates_the_administrator_once()
    {
        using var factory = new TrackerAppFactory();
        var token = (await factory.SendAsync(new PrepareFirstRun.Command(null, null))).SetupToken;
        Assert.NotNull(token);
        using var client = factory.CreateAnonymousClient();

        var form = await Forms.GetAsync(client, $"/setup/{token}");
        var invalid = await Forms.PostAsync(client, $"/setup/{token}", form, new() { ["Email"] = "not an email", ["DisplayName"] = "First", ["Password"] = "short" });
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Matches(new Regex("id=\"Email-error\"[^>]*>Enter an email address like name@example.org."), invalidHtml);
        Assert.Contains("A password needs at least 12 characters.", invalidHtml, StringComparison.Ordinal);

        var created = await Forms.PostAsync(client, $"/setup/{token}", form, new() { ["Email"] = "first@tracker.test", ["DisplayName"] = "First", ["Password"] = TrackerAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var again = await Forms.PostAsync(client, $"/setup/{token}", form, new() { ["Email"] = "second@tracker.test", ["DisplayName"] = "Second", ["Password"] = TrackerAppFactory.Password });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // Opened again, the spent link says so at once instead of showing a form that can only fail.
        using var reopened = await client.GetAsync($"/setup/{token}");
        var reopenedHtml = await reopened.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, reopened.StatusCode);
        Assert.Contains("This set-up link no longer works", reopenedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", reopenedHtml, StringComparison.Ordinal);

        var admins = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Users.Select(u => u.Email).ToListAsync());
        Assert.Equal(["first@tracker.test"], admins);
    }

    [Fact]
    public async Task A_made_up_setup_token_creates_nothing()
    {
        using var factory = new TrackerAppFactory();
        using var client = factory.CreateAnonymousClient();

        using var opened = await client.GetAsync("/setup/guessed-token");
        var form = await Forms.GetAsync(client, "/account/login");
        var response = await Forms.PostAsync(client, "/setup/guessed-token", form, new() { ["Email"] = "x@tracker.test", ["DisplayName"] = "X", ["Password"] = TrackerAppFactory.Password });

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Contains("This set-up link no longer works", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Users.AnyAsync()));
    }
}
