using System.Net;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Security;

public sealed class SecurityBaselineTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var target = await FindUserAsync(TestUsers.EmailFor(Roles.Analyst));

        var response = await admin.PostAsync($"/admin/users/{target.Id}/lock", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await FindUserAsync(TestUsers.EmailFor(Roles.Analyst));
        Assert.Null(after.LockoutEnd);
    }

    [Fact]
    public async Task The_same_post_with_the_token_does_its_work_and_is_audited()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var target = await FindUserAsync(TestUsers.EmailFor(null));
        var page = await Forms.GetAsync(admin, "/admin/users");

        var locked = await Forms.PostAsync(admin, $"/admin/users/{target.Id}/lock", page, new Dictionary<string, string>());
        var unlocked = await Forms.PostAsync(admin, $"/admin/users/{target.Id}/unlock", page, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        var events = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .Where(e => e.Subject == target.Email).Select(e => e.EventType).ToListAsync());
        Assert.Contains(SecurityEventType.UserLocked, events);
        Assert.Contains(SecurityEventType.UserUnlocked, events);
    }

    [Fact]
    public async Task Restricted_fields_never_reach_a_researcher_or_analyst_but_reach_a_caseworker()
    {
        var caseId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var now = DateTime.UtcNow;
            var restricted = Case.Open("ATC-2024-0901", new CaseParticulars("Restricted fields case", "not published", PartialDate.OnDay(2024, 1, 2), null, "Leeds", "West Yorkshire Police", IncidentType.Restraint, Harm.SeriousInjury, OperationCategory.RoutinePolicing, null), now);
            restricted.AddOfficer("Q9", "Zebedee Quartermain", true, null, now);
            restricted.RecordConfidentialNotes("Told in confidence: zanzibar", now);
            db.Cases.Add(restricted);
            await db.SaveChangesAsync();
            return restricted.Id;
        });

        foreach (var role in new[] { Roles.Researcher, Roles.Analyst })
        {
            using var reader = await factory.CreateClientForAsync(role);
            var html = await reader.GetStringAsync($"/cases/{caseId}");
            Assert.Contains("Q9", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Quartermain", html, StringComparison.Ordinal);
            Assert.DoesNotContain("zanzibar", html, StringComparison.Ordinal);
        }

        foreach (var role in new[] { Roles.Caseworker, Roles.Administrator })
        {
            using var writer = await factory.CreateClientForAsync(role);
            var html = await writer.GetStringAsync($"/cases/{caseId}");
            Assert.Contains("Zebedee Quartermain", html, StringComparison.Ordinal);
            Assert.Contains("zanzibar", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wrong_passwords_in_a_row_slow_the_account_down_without_locking_it()
    {
        await factory.EnsureTestUsersAsync();
        var email = "lockme@tracker.test";
        await factory.WithServicesAsync(async s =>
        {
            var created = await s.GetRequiredService<UserManager<TrackerUser>>().CreateAsync(new TrackerUser { UserName = email, Email = email, DisplayName = "Lock me" }, TrackerAppFactory.Password);
            Assert.True(created.Succeeded);
            return created;
        });
        using var client = factory.CreateAnonymousClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var wrong = await TrackerAppFactory.SignInAsync(client, email, "wrong password " + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(Web.Controllers.AccountController.WrongCredentials, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Now each attempt waits a minute after the last failure: even the right password is refused, with the same words.
        var right = await TrackerAppFactory.SignInAsync(client, email, TrackerAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Web.Controllers.AccountController.WrongCredentials, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await IsLockedOutAsync(email));

        factory.Time.Advance(SignInGate.Wait(0));
        var later = await TrackerAppFactory.SignInAsync(client, email, TrackerAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        var events = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .Where(e => e.Subject == email).Select(e => e.EventType).ToListAsync());
        Assert.Equal(3, events.Count(e => e == SecurityEventType.SignInFailed));
        Assert.Equal(1, events.Count(e => e == SecurityEventType.LockedOut));
        Assert.Equal(1, events.Count(e => e == SecurityEventType.SignInSucceeded));
    }

    [Fact]
    public async Task A_good_sign_in_is_audited_and_recorded_as_the_last_sign_in()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var user = await FindUserAsync(TestUsers.EmailFor(Roles.Researcher));
        Assert.NotNull(user.LastSignInAtUtc);
        var audit = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .AnyAsync(e => e.Subject == user.Email && e.EventType == SecurityEventType.SignInSucceeded));
        Assert.True(audit);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_cookies_are_locked_down()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tracker.antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site()
    {
        await factory.EnsureTestUsersAsync();
        using var client = factory.CreateAnonymousClient();

        var response = await TrackerAppFactory.SignInAsync(client, TestUsers.EmailFor(Roles.Analyst), TrackerAppFactory.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tracker.auth", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        using var client = await factory.CreateClientForAsync(Roles.Administrator);

        foreach (var path in new[] { "/cases", "/admin/users", "/admin/audit", "/profile", "/profile/tokens", "/import" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        }
    }

    private Task<TrackerUser> FindUserAsync(string email) =>
        factory.WithServicesAsync(async s => (await s.GetRequiredService<TrackerDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == email)));

    private Task<bool> IsLockedOutAsync(string email) =>
        factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
        });
}
