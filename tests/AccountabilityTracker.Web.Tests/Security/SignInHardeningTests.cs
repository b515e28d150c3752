using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Controllers;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Security;

/// <summary>Issue 18, findings 7 and 8: sign-in tells an outsider nothing, and a TOTP code works once.</summary>
public sealed partial class SignInHardeningTests
{
    [Fact]
    public async Task Unknown_addresses_wrong_passwords_and_locked_accounts_read_the_same_and_cost_one_hash()
    {
        using var factory = new TrackerAppFactory();
        var hasher = new CountingHasher();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<TrackerUser>>(hasher)));
        await factory.EnsureTestUsersAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TrackerUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(TestUsers.EmailFor(Roles.Analyst)))!, DateTimeOffset.MaxValue);
        }

        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var pages = new List<string>();

        foreach (var (email, password) in new[]
        {
            ("nobody-here@tracker.test", "some password or other"),
            (TestUsers.EmailFor(Roles.Researcher), "not the password at all"),
            (TestUsers.EmailFor(Roles.Analyst), TrackerAppFactory.Password),
        })
        {
            var before = hasher.Verifications;
            var response = await TrackerAppFactory.SignInAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(AccountController.WrongCredentials, html, StringComparison.Ordinal);
            pages.Add(Alerts().Match(html).Value);
            if (email.StartsWith("nobody", StringComparison.Ordinal))
            {
                Assert.Equal(before + 1, hasher.Verifications);
            }
        }

        Assert.Single(pages.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_two_factor_code_is_refused_the_second_time_within_its_window()
    {
        using var factory = new TrackerAppFactory();
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var profile = await Forms.GetAsync(admin, "/profile");
        var key = Key().Match(profile).Groups["key"].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(admin, "/profile/two-factor", profile, new() { ["Code"] = Totp.Code(key, factory.Time.GetUtcNow()) })).StatusCode);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.Code(key, factory.Time.GetUtcNow());

        var first = await SignInWithCodeAsync(factory, code);
        var replayed = await SignInWithCodeAsync(factory, code);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("That code is not right.", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An earlier step that is still inside the drift window is refused too; the next step works.
        var earlier = Totp.Code(key, factory.Time.GetUtcNow().AddSeconds(-30));
        Assert.Equal(HttpStatusCode.OK, (await SignInWithCodeAsync(factory, earlier)).StatusCode);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithCodeAsync(factory, Totp.Code(key, factory.Time.GetUtcNow()))).StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInWithCodeAsync(TrackerAppFactory factory, string code)
    {
        using var client = factory.CreateAnonymousClient();
        var password = await TrackerAppFactory.SignInAsync(client, TestUsers.EmailFor(Roles.Administrator), TrackerAppFactory.Password);
        Assert.Equal("/account/two-factor", password.Headers.Location?.OriginalString.Split('?')[0]);
        var form = await Forms.GetAsync(client, "/account/two-factor");
        return await Forms.PostAsync(client, "/account/two-factor", form, new() { ["Code"] = code });
    }

    [GeneratedRegex("<code class=\"shared-key[^\"]*\">(?<key>[a-z2-7 ]+)</code>")]
    private static partial Regex Key();

    [GeneratedRegex("<div class=\"alert alert-danger\"[\\s\\S]*?</div>")]
    private static partial Regex Alerts();

    private sealed class CountingHasher : IPasswordHasher<TrackerUser>
    {
        private readonly PasswordHasher<TrackerUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(TrackerUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(TrackerUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
