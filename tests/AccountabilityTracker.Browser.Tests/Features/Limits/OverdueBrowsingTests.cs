using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Limits;

[Collection(BrowserTestGroup.Name)]
public sealed class OverdueBrowsingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_reader_on_a_phone_follows_the_overdue_count_to_the_overdue_list()
    {
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);

        await page.GotoAsync("/cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        var overdueLink = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Overdue 3") });
        await overdueLink.ClickAsync();
        await page.WaitForURLAsync("**/overdue");

        Assert.Equal("Overdue and approaching", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(3, await page.Locator("table.overdue-list tbody tr").CountAsync());
        Assert.Equal(3, await page.Locator("table.overdue-list [data-clock-status='Overdue']").CountAsync());
        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), "The Overdue page scrolls sideways at 375 px.");
        await page.Context.CloseAsync();
    }
}
