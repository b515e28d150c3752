using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Security;

[Collection(BrowserTestGroup.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_caseworker_signs_in_in_Chromium_and_reaches_the_case_list()
    {
        var page = await fixture.NewPageAsync(375, 812);
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspViolations.Add(message.Text);
            }
        };

        await page.GotoAsync("/cases");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Email address").FillAsync(TestUsers.EmailFor(Roles.Caseworker));
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.True(await page.GetByText("The email address or password is not right").IsVisibleAsync());

        await page.GetByLabel("Password").FillAsync(TrackerAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/cases");

        Assert.Equal("Cases", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(2, await page.Locator("table.case-list tbody tr").CountAsync());
        Assert.Empty(cspViolations);
        await page.Context.CloseAsync();
    }
}
