using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;

namespace AccountabilityTracker.Browser.Tests.Features.Reports;

/// <summary>Issue 16: a by-year trend is not drawn as a line through years with a handful of durations each.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TrendHonestyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Years_with_few_durations_are_drawn_as_points_and_the_axes_say_their_units()
    {
        var page = await fixture.SignedInPageAsync(Roles.Analyst);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/reports/durations?force=Metropolitan%20Police%20Service&stageKind=CpsDecision").ToString());

        var counts = await page.Locator("#by-year tbody tr").EvaluateAllAsync<int[]>("rows => rows.filter(r => r.dataset.median !== '–').map(r => parseInt(r.dataset.n, 10))");
        Assert.Contains(counts, n => n < 5); // Kaba's and Baker's CPS decisions: one or two a year
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#by-year-chart")).ToHaveAttributeAsync("data-drawn-as", "points");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#by-group-chart")).ToHaveAttributeAsync("data-drawn-as", "bars");
        var yTitle = await page.EvaluateAsync<string>("() => Chart.getChart(document.getElementById('by-year-chart')).options.scales.y.title.text");
        var xTitle = await page.EvaluateAsync<string>("() => Chart.getChart(document.getElementById('by-year-chart')).options.scales.x.title.text");
        Assert.Equal("days (stage duration)", yTitle);
        Assert.Equal("incident year", xTitle);

        // With every stage of the two cases, each year has more than 5 durations: a line may be drawn.
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/reports/durations?force=Metropolitan%20Police%20Service").ToString());
        var all = await page.Locator("#by-year tbody tr").EvaluateAllAsync<int[]>("rows => rows.filter(r => r.dataset.median !== '–').map(r => parseInt(r.dataset.n, 10))");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#by-year-chart")).ToHaveAttributeAsync("data-drawn-as", all.All(n => n >= 5) ? "line" : "points");
        await page.Context.CloseAsync();
    }
}
