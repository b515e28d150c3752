using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Security;

/// <summary>
/// Issue 18, finding 1 and 4: a session or token ends when access ends. Each test signs in its own user, and a session
/// is the bare sign-in cookie sent by a client with no cookie jar, so a cookie "copied" to another client is the same
/// cookie the browser holds.
/// </summary>
public sealed partial class SessionEndTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task A_locked_users_cookie_is_refused_on_the_next_request()
    {
        var email = await CreateUserAsync("locked", Roles.Caseworker);
        var cookie = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/cases/new")).StatusCode);

        await AdminPostsAsync(email, "lock");

        AssertSignedOut(await GetAsync(cookie, "/cases/new"));
    }

    [Fact]
    public async Task A_locked_account_is_refused_even_when_the_lock_is_written_directly()
    {
        var email = await CreateUserAsync("lockeddirect", Roles.Researcher);
        var cookie = await SignInAsync(email);
        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            return await users.SetLockoutEndDateAsync(user, factory.Time.GetUtcNow().AddMinutes(15));
        });

        AssertSignedOut(await GetAsync(cookie, "/cases"));
    }

    [Fact]
    public async Task A_role_change_ends_the_session_at_the_next_request()
    {
        var email = await CreateUserAsync("demoted", Roles.Caseworker);
        var cookie = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/cases/new")).StatusCode);

        await AdminPostsAsync(email, "roles", [new("roles", Roles.Researcher)]);

        AssertSignedOut(await GetAsync(cookie, "/cases/new"));
        var again = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(again, "/cases/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(again, "/cases")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_sessions_and_revokes_tokens()
    {
        var email = await CreateUserAsync("reset", Roles.Analyst);
        var cookie = await SignInAsync(email);
        var token = await ApiClient.IssueTokenForAsync(factory, email);
        using (var script = ApiClient.WithToken(factory, token))
        {
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/cases")).StatusCode);
        }

        await AdminPostsAsync(email, "password", [new("password", "a brand new passphrase")]);

        AssertSignedOut(await GetAsync(cookie, "/cases"));
        using (var script = ApiClient.WithToken(factory, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/cases")).StatusCode);
        }
    }

    [Fact]
    public async Task Locking_revokes_tokens_so_unlocking_does_not_revive_them()
    {
        var email = await CreateUserAsync("unlocked", Roles.Analyst);
        var token = await ApiClient.IssueTokenForAsync(factory, email);

        await AdminPostsAsync(email, "lock");
        await AdminPostsAsync(email, "unlock");

        using var script = ApiClient.WithToken(factory, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/cases")).StatusCode);
        Assert.NotNull(await SignInAsync(email));
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var email = await CreateUserAsync("signout", Roles.Researcher);
        var cookie = await SignInAsync(email);
        var copied = cookie;
        var page = await GetAsync(cookie, "/profile");
        var (antiforgeryCookie, formToken) = await AntiforgeryAsync(page);

        using var signOut = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent([new(Forms.TokenField, formToken)]),
        };
        request.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        Assert.Equal(HttpStatusCode.Redirect, (await signOut.SendAsync(request)).StatusCode);

        AssertSignedOut(await GetAsync(copied, "/cases"));
    }

    [Fact]
    public async Task Sign_out_everywhere_on_the_profile_ends_the_sessions_on_other_devices()
    {
        var email = await CreateUserAsync("everywhere", Roles.Researcher);
        var otherDevice = await SignInAsync(email);
        using var browser = factory.CreateAnonymousClient();
        await TrackerAppFactory.SignInAsync(browser, email, TrackerAppFactory.Password);
        var profile = await Forms.GetAsync(browser, "/profile");
        Assert.Contains("Sign out everywhere", profile, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/logout\"", profile, StringComparison.Ordinal);

        var signedOut = await Forms.PostAsync(browser, "/account/logout", profile, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertSignedOut(await GetAsync(otherDevice, "/cases"));
        AssertSignedOut(await browser.GetAsync("/cases"));
        var audit = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .AnyAsync(e => e.Subject == email && e.EventType == SecurityEventType.SignedOut && e.Details == "every session"));
        Assert.True(audit);
    }

    [Fact]
    public async Task Changing_ones_password_keeps_this_session_ends_the_others_and_revokes_tokens()
    {
        var email = await CreateUserAsync("changer", Roles.Researcher);
        var other = await SignInAsync(email);
        var token = await ApiClient.IssueTokenForAsync(factory, email);
        using var browser = factory.CreateAnonymousClient();
        await TrackerAppFactory.SignInAsync(browser, email, TrackerAppFactory.Password);
        var page = await Forms.GetAsync(browser, "/profile");

        var changed = await Forms.PostAsync(browser, "/profile/password", page, new Dictionary<string, string> { ["CurrentPassword"] = TrackerAppFactory.Password, ["Password"] = "another long passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        AssertSignedOut(await GetAsync(other, "/cases"));
        using var script = ApiClient.WithToken(factory, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active()
    {
        var email = await CreateUserAsync("active", Roles.Researcher);
        var cookie = await SignInAsync(email);

        // Active every 7 hours: the 8-hour sliding limit alone would keep the session alive for ever.
        factory.Time.Advance(TimeSpan.FromHours(7));
        var renewed = await GetAsync(cookie, "/cases");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        cookie = AuthCookie(renewed) ?? cookie;
        factory.Time.Advance(TimeSpan.FromHours(4.5));
        var stillIn = await GetAsync(cookie, "/cases");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        cookie = AuthCookie(stillIn) ?? cookie;
        factory.Time.Advance(TimeSpan.FromHours(1));

        AssertSignedOut(await GetAsync(cookie, "/cases"));
    }

    [Fact]
    public async Task Creating_a_token_needs_the_password_again()
    {
        var email = await CreateUserAsync("tokenmaker", Roles.Analyst);
        using var browser = factory.CreateAnonymousClient();
        await TrackerAppFactory.SignInAsync(browser, email, TrackerAppFactory.Password);
        var page = await Forms.GetAsync(browser, "/profile/tokens");

        var without = await Forms.PostAsync(browser, "/profile/tokens", page, new Dictionary<string, string> { ["Name"] = "stolen cookie", ["LifetimeDays"] = "30" });
        var wrong = await Forms.PostAsync(browser, "/profile/tokens", page, new Dictionary<string, string> { ["Name"] = "stolen cookie", ["LifetimeDays"] = "30", ["Password"] = "guess guess guess" });

        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Equal("Enter your password to create a token.", Forms.FieldError(await without.Content.ReadAsStringAsync(), "Password"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Your password is not right.", Forms.FieldError(await wrong.Content.ReadAsStringAsync(), "Password"));
        Assert.False(await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().PersonalAccessTokens.AnyAsync(t => t.Name == "stolen cookie")));
        var defaultLifetime = Regex.Match(page, "id=\"LifetimeDays\"[^>]*value=\"(?<days>\\d+)\"").Groups["days"].Value;
        Assert.Equal("30", defaultLifetime);
    }

    [Fact]
    public async Task An_administrator_lists_and_revokes_another_users_token()
    {
        var email = await CreateUserAsync("tokenowner", Roles.Analyst);
        var token = await ApiClient.IssueTokenForAsync(factory, email);
        var userId = await UserIdAsync(email);
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);

        var list = await Forms.GetAsync(admin, $"/admin/users/{userId}/tokens");
        var tokenId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().PersonalAccessTokens.Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync());
        Assert.Contains(token[..8], list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        var revoked = await Forms.PostAsync(admin, $"/admin/users/{userId}/tokens/{tokenId}/revoke", list, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        using var script = ApiClient.WithToken(factory, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/cases")).StatusCode);
        var audit = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .AnyAsync(e => e.Subject == email && e.EventType == SecurityEventType.AccessTokenRevoked && e.Actor == TestUsers.EmailFor(Roles.Administrator)));
        Assert.True(audit);
    }

    private static void AssertSignedOut(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    private async Task<string> CreateUserAsync(string name, string role)
    {
        await factory.EnsureTestUsersAsync();
        var email = $"{name}@session.test";
        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            var user = new TrackerUser { UserName = email, Email = email, DisplayName = name };
            Assert.True((await users.CreateAsync(user, TrackerAppFactory.Password)).Succeeded);
            return await users.AddToRoleAsync(user, role);
        });
        return email;
    }

    private Task<string> UserIdAsync(string email) =>
        factory.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<TrackerUser>>().FindByEmailAsync(email))!.Id);

    private async Task AdminPostsAsync(string email, string action, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var userId = await UserIdAsync(email);
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var page = await Forms.GetAsync(admin, "/admin/users");
        var response = await Forms.PostAsync(admin, $"/admin/users/{userId}/{action}", page, fields ?? []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await admin.GetStringAsync("/admin/users");
        Assert.DoesNotContain("alert-danger", after, StringComparison.Ordinal);
    }

    private HttpClient NewClient() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in through the form and returns the bare sign-in cookie ("tracker.auth=…").</summary>
    private async Task<string> SignInAsync(string email)
    {
        using var client = NewClient();
        var login = await client.GetAsync("/account/login");
        var (antiforgeryCookie, formToken) = await AntiforgeryAsync(login);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("Password", TrackerAppFactory.Password), new(Forms.TokenField, formToken)]),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(request);
        return AuthCookie(response) ?? throw new InvalidOperationException($"{email} did not sign in: {(int)response.StatusCode}");
    }

    private async Task<HttpResponseMessage> GetAsync(string cookie, string path)
    {
        using var client = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<(string Cookie, string FormToken)> AntiforgeryAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var cookie = page.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Single(v => v.StartsWith("tracker.antiforgery=", StringComparison.Ordinal)).Split(';')[0]
            : throw new InvalidOperationException("No antiforgery cookie.");
        return (cookie, Forms.Token(html));
    }

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith("tracker.auth=", StringComparison.Ordinal) && !v.StartsWith("tracker.auth=;", StringComparison.Ordinal)).Select(v => v.Split(';')[0]).LastOrDefault()
            : null;
}
