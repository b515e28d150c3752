using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Application.Security;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Cases;

[Collection(BrowserTestGroup.Name)]
public sealed class CaseBrowsingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_reader_on_a_phone_opens_the_Kaba_case_from_the_list_and_sees_its_timeline()
    {
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        var watch = await PageWatch.StartAsync(page);

        await page.GotoAsync("/cases");
        var rows = page.Locator("table.case-list tbody tr");
        Assert.Equal(2, await rows.CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Fatal police shooting of Chris Kaba, Streatham Hill (2022)" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");

        // The chart is drawn after the page loads: measure the page and its requests once it is there.
        await watch.WaitForTimelineAsync();
        Assert.Equal("Fatal police shooting of Chris Kaba, Streatham Hill (2022)", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("ol.timeline > li").CountAsync() > 10);
        var firstSources = page.Locator("ol.timeline details.sources").First;
        await firstSources.Locator("summary").ClickAsync();
        await firstSources.Locator("a").First.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        // Nothing loaded from outside the app (no CDN, no remote fonts), no script error, no CSP refusal.
        await watch.AssertCleanAsync(fixture.BaseAddress);

        // No horizontal scrolling at phone width.
        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), "The case page scrolls sideways at 375 px.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_case_list_fits_a_375_px_phone_with_the_clocks_in_view()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, 375, 812);

        await page.GotoAsync("/cases");

        // Not even the table's own scroll box may hide a column: title, incident, force and clock are all readable.
        var tableFits = await page.EvaluateAsync<bool>("() => { const t = document.querySelector('table.case-list'); return t.scrollWidth <= t.parentElement.clientWidth; }");
        Assert.True(tableFits, "The case list table is wider than a 375-px screen.");
        var firstRow = page.Locator("table.case-list tbody tr").First;
        Assert.True(await firstRow.Locator(".case-clocks .clock-badge").First.IsVisibleAsync());
        Assert.Contains("Metropolitan Police Service", await firstRow.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
