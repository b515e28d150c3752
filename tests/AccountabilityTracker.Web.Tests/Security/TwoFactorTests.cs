using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Security;

public sealed partial class TwoFactorTests
{
    [Fact]
    public async Task Administrators_need_a_two_factor_sign_in_when_required_and_get_one_with_a_TOTP_code()
    {
        using var factory = new TrackerAppFactory();
        factory.Settings["Security:RequireAdminTwoFactor"] = "true";
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);

        // Password only: the administration pages refuse, and say how to fix it.
        var refused = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Set up two-factor sign-in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Turn it on from the profile with a code computed from the shown key.
        var profile = await Forms.GetAsync(admin, "/profile");
        var key = WebKey().Match(profile).Groups["key"].Value;
        var wrong = await Forms.PostAsync(admin, "/profile/two-factor", profile, new() { ["Code"] = "000000" == Totp.Code(key, factory.Time.GetUtcNow()) ? "111111" : "000000" });
        Assert.Contains("That code is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabled = await Forms.PostAsync(admin, "/profile/two-factor", profile, new() { ["Code"] = Totp.Code(key, factory.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        // A fresh sign-in now asks for the code (the next one: each code works once), and then the administration pages open.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        using var fresh = factory.CreateAnonymousClient();
        var password = await TrackerAppFactory.SignInAsync(fresh, TestUsers.EmailFor(Roles.Administrator), TrackerAppFactory.Password);
        Assert.Equal("/account/two-factor", password.Headers.Location?.OriginalString.Split('?')[0]);
        var codeForm = await Forms.GetAsync(fresh, "/account/two-factor");
        var signedIn = await Forms.PostAsync(fresh, "/account/two-factor", codeForm, new() { ["Code"] = Totp.Code(key, factory.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/admin/users")).StatusCode);
    }

    [GeneratedRegex("<code class=\"shared-key[^\"]*\">(?<key>[a-z2-7 ]+)</code>")]
    private static partial Regex WebKey();
}
