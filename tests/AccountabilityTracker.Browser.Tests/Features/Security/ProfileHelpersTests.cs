using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Security;

/// <summary>Two-factor set-up shows a QR code drawn in the page (no outside service), and a new token has a Copy button.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ProfileHelpersTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Two_factor_set_up_shows_a_QR_code_drawn_in_the_page_and_a_new_token_can_be_copied()
    {
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        var watch = await PageWatch.StartAsync(page);
        await page.GotoAsync("/profile");

        var qr = page.Locator(".authenticator-qr img.qr-code");
        await qr.WaitForAsync();
        Assert.StartsWith("data:image/", await qr.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Equal("QR code to scan with your authenticator app", await qr.GetAttributeAsync("alt"));
        Assert.True((await qr.BoundingBoxAsync())!.Width >= 150, "The QR code is too small to scan.");

        await page.GotoAsync("/profile/tokens");
        await page.Locator("#Name").FillAsync("copy test");
        await page.Locator("#Password").FillAsync(TrackerAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var copy = page.GetByRole(AriaRole.Button, new() { Name = "Copy token", Exact = true });
        await copy.ClickAsync();
        var status = page.Locator("[data-copy-status]");
        await Assertions.Expect(status).Not.ToBeEmptyAsync();
        Assert.StartsWith("atk_", await page.EvaluateAsync<string>("() => window.getSelection().toString() || document.getElementById('new-token').value"), StringComparison.Ordinal);
        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }
}
