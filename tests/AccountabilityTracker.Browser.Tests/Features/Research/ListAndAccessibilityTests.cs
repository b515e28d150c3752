using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Research;

[Collection(BrowserTestGroup.Name)]
public sealed class ListAndAccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_filtered_list_address_shows_the_same_rows_in_the_same_order_in_a_fresh_session()
    {
        var first = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        var watch = await PageWatch.StartAsync(first);
        await first.GotoAsync("/cases");

        await first.GetByLabel("Search").FillAsync("fatal");
        await first.Locator("details.more-filters summary").ClickAsync();
        await first.GetByLabel("Incident from year").FillAsync("2010");
        await first.GetByLabel("to year").FillAsync("2025");
        await first.GetByLabel("Incident type").SelectOptionAsync(new SelectOptionValue { Label = "Shooting" });
        await first.GetByLabel("Has stage").SelectOptionAsync(new SelectOptionValue { Label = "Misconduct proceedings" });
        await first.GetByLabel("Sort by").SelectOptionAsync(new SelectOptionValue { Label = "reference, Z to A" });
        await first.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("/cases?", StringComparison.Ordinal));
        var address = first.Url;
        var rows = await ReferencesAsync(first);

        Assert.Equal(["ATC-2022-0001", "ATC-2015-0001"], rows);
        Assert.Contains("sort=ReferenceDescending", address, StringComparison.Ordinal);
        Assert.Contains("yearFrom=2010", address, StringComparison.Ordinal);
        Assert.False(await Accessibility.ScrollsSidewaysAsync(first), "The filtered list scrolls sideways at 375 px.");

        // Sorting by a column header flips the order, and the address keeps every filter.
        await first.Locator("th[aria-sort='descending'] a").ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("sort=Reference&", StringComparison.Ordinal));
        Assert.Equal(["ATC-2015-0001", "ATC-2022-0001"], await ReferencesAsync(first));
        Assert.Contains("stageKind=MisconductProceedings", first.Url, StringComparison.Ordinal);
        await watch.AssertCleanAsync(fixture.BaseAddress);
        await first.Context.CloseAsync();

        var fresh = await fixture.SignedInPageAsync(Roles.Analyst);
        await fresh.GotoAsync(address);
        Assert.Equal(rows, await ReferencesAsync(fresh));
        Assert.Equal("fatal", await fresh.GetByLabel("Search").InputValueAsync());
        Assert.Equal("MisconductProceedings", await fresh.GetByLabel("Has stage").InputValueAsync());
        await fresh.Context.CloseAsync();
    }

    [Fact]
    public async Task List_case_timeline_and_compare_pages_have_no_serious_accessibility_violation_at_phone_and_desktop_width()
    {
        var ids = await fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases
            .Where(c => c.ExternalId == "chris-kaba-2022" || c.ExternalId == "jermaine-baker-2015").OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        string[] pages = ["/cases", "/cases?text=kaba&clockStatus=Overdue&sort=TitleDescending", $"/cases/{ids[0]}", $"/compare?ids={ids[0]}&ids={ids[1]}", "/compare"];
        var failures = new List<string>();

        foreach (var (width, height) in new[] { (375, 812), (1280, 900) })
        {
            var page = await fixture.SignedInPageAsync(Roles.Researcher, width, height, bypassCsp: true);
            var watch = await PageWatch.StartAsync(page);
            foreach (var path in pages)
            {
                await page.GotoAsync(path);
                if (await page.Locator("section[data-timeline-url]").CountAsync() > 0)
                {
                    await page.Locator("section[data-timeline-ready]").WaitForAsync();
                    await page.Locator(".timeline-chart .vis-item.vis-range.tl-stage.tl-running").First.ClickAsync();
                    await page.Locator(".timeline-detail").WaitForAsync();
                }

                failures.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{path} at {width} px: {v}"));
                if (await Accessibility.ScrollsSidewaysAsync(page))
                {
                    failures.Add($"{path} scrolls sideways at {width} px: {string.Join(", ", await Accessibility.WiderThanViewportAsync(page))}");
                }
            }

            Assert.All(watch.Requests, url => Assert.StartsWith(fixture.BaseAddress.GetLeftPart(UriPartial.Authority) + "/", url, StringComparison.Ordinal));
            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<List<string>> ReferencesAsync(IPage page) =>
        [.. (await page.Locator("table.case-list tbody td.case-reference").AllInnerTextsAsync()).Select(t => t.Trim())];
}
