using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Browser.Tests.Features.Research;

/// <summary>
/// The chart on a 375-px phone: items are reachable by keyboard, the details open in view, "Today" is not cut off,
/// short stages are wide enough to see, and compared cases' lanes carry their titles and references.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ChartOnAPhoneTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_keyboard_opens_a_chart_item_and_its_details_open_in_view_with_today_and_short_stages_legible()
    {
        var ids = await CaseIdsAsync();
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        var watch = await PageWatch.StartAsync(page);
        await page.GotoAsync($"/cases/{ids[0]}");
        await watch.WaitForTimelineAsync();

        var item = page.Locator(".timeline-chart .tl-label[role='button']").First;
        await item.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var detail = page.Locator(".timeline-detail");
        await detail.WaitForAsync();
        // Bootstrap scrolls smoothly, so the details arrive in view a moment later.
        await Microsoft.Playwright.Assertions.Expect(detail).ToBeInViewportAsync(new() { Ratio = 0.2f });
        Assert.Equal(await item.TextContentAsync(), (await detail.Locator("h3").TextContentAsync())![(await detail.Locator("h3 .badge").TextContentAsync())!.Length..]);

        // "Today" is drawn whole inside the chart, and no bar is a sliver.
        var chart = (await page.Locator(".timeline-chart .vis-center").First.BoundingBoxAsync())!;
        var today = (await page.Locator(".timeline-chart .vis-custom-time.today .vis-custom-time-marker").BoundingBoxAsync())!;
        Assert.True(today.X >= chart.X && today.X + today.Width <= chart.X + chart.Width + 1, $"'Today' is cut off (marker {today.X}+{today.Width}, chart {chart.X}+{chart.Width}).");
        var widths = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.timeline-chart .vis-item.vis-range')].map(e => e.getBoundingClientRect().width)");
        Assert.All(widths, w => Assert.True(w >= 9, $"A bar is only {w} px wide."));
        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compared_cases_lanes_are_labelled_with_title_and_reference()
    {
        var ids = await CaseIdsAsync();
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 1280, 900);
        var watch = await PageWatch.StartAsync(page);
        await page.GotoAsync($"/compare?ids={ids[0]}&ids={ids[1]}");
        await watch.WaitForTimelineAsync();

        var lanes = await page.Locator(".timeline-chart .vis-label .tl-lane").AllTextContentsAsync();

        Assert.Contains(lanes, l => l.Contains("Chris Kaba", StringComparison.Ordinal) && l.Contains("ATC-2022-0001", StringComparison.Ordinal));
        Assert.Contains(lanes, l => l.Contains("Jermaine Baker", StringComparison.Ordinal) && l.Contains("ATC-2015-0001", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private Task<List<int>> CaseIdsAsync() => fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases
        .Where(c => c.ExternalId == "chris-kaba-2022" || c.ExternalId == "jermaine-baker-2015").OrderBy(c => c.ExternalId).Select(c => c.Id).ToListAsync());
}
