using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Browser.Tests.Features.Research;

/// <summary>
/// axe-core finds no serious or critical violation on any page of the app, signed in or not, at 375 px and 1280 px,
/// pagers included; and the list pages a rep reads on a phone show their status without sideways scrolling.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EveryPageAccessibilityTests(BrowserFixture fixture)
{
    private static readonly string[] PhoneListPages = ["/cases", "/overdue", "/overdue?pageSize=1&page=2", "/admin/limits", "/my-cases", "/notifications"];

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation_at_phone_and_desktop_width()
    {
        var (caseId, stageId, milestoneId, officerId, sourceId) = await fixture.App.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var kaba = await db.Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync();
            var stage = await db.Stages.Where(st => st.CaseId == kaba && st.Kind == StageKind.Inquest && !st.HasEnded).Select(st => st.Id).FirstAsync();
            return (kaba, stage,
                await db.Milestones.Where(m => m.CaseId == kaba).Select(m => m.Id).FirstAsync(),
                await db.Officers.Where(o => o.CaseId == kaba).Select(o => o.Id).FirstAsync(),
                await db.Sources.Where(x => x.CaseId == kaba).Select(x => x.Id).FirstAsync());
        });
        var baker = await fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.ExternalId == "jermaine-baker-2015").Select(c => c.Id).SingleAsync());
        var eventId = await fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().OfficerEvents.Where(e => e.CaseId == caseId).Select(e => e.Id).FirstAsync());
        string[] signedIn =
        [
            "/cases", "/cases?pageSize=1", "/cases?pageSize=1&page=2", "/cases?yearFrom=2025&yearTo=2010",
            $"/cases/{caseId}", $"/cases/{caseId}/history", $"/cases/{caseId}/history?page=2", $"/cases/{caseId}/edit", $"/cases/{caseId}/status", "/cases/new",
            $"/cases/{caseId}/stages/new", $"/cases/{caseId}/stages/{stageId}/edit", $"/cases/{caseId}/stages/{stageId}/close",
            $"/cases/{caseId}/stages/{stageId}/hearing", $"/cases/{caseId}/stages/{stageId}/clock",
            $"/cases/{caseId}/stages/{stageId}/pauses/new", $"/cases/{caseId}/stages/{stageId}/extensions/new",
            $"/cases/{caseId}/milestones/new", $"/cases/{caseId}/milestones/{milestoneId}/edit",
            $"/cases/{caseId}/officers/new", $"/cases/{caseId}/officers/{officerId}/edit",
            $"/cases/{caseId}/officer-events/new", $"/cases/{caseId}/officer-events/{eventId}/edit",
            $"/cases/{caseId}/sources/new", $"/cases/{caseId}/sources/{sourceId}/edit",
            $"/compare?ids={caseId}&ids={baker}", "/compare",
            "/overdue", "/overdue?pageSize=1", "/overdue?pageSize=1&page=2", "/overdue?clock=Fortnight",
            "/reports/durations", "/reports/durations?groupBy=Force", "/import",
            "/analysis/scenarios", "/analysis/scenarios/new", "/analysis/contrasts", "/analysis/burden", "/analysis/context",
            "/admin/limits", "/admin/limits/Inquest", "/admin/users", "/admin/users/new", "/admin/audit", "/admin/audit?pageSize=5&page=2",
            "/admin/archived-cases", "/profile", "/profile/tokens", "/docs/time-limits", "/cases/999999",
            "/notifications", "/my-cases", "/profile/notifications",
        ];
        string[] anonymous = ["/account/login", "/setup/not-a-real-link"];
        var failures = new List<string>();

        foreach (var (width, height) in new[] { (375, 812), (1280, 900) })
        {
            var page = await fixture.SignedInPageAsync(Roles.Administrator, width, height, bypassCsp: true);
            foreach (var path in signedIn)
            {
                await CheckAsync(page, path, width, failures);
            }

            await page.Context.CloseAsync();

            var visitor = await fixture.NewPageAsync(width, height, bypassCsp: true);
            foreach (var path in anonymous)
            {
                await CheckAsync(visitor, path, width, failures);
            }

            await visitor.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("/cases", "table.case-list tbody tr", ".case-clocks .clock-badge")]
    [InlineData("/overdue", "table.overdue-list tbody tr", ".overdue-status .clock-badge")]
    public async Task On_a_phone_every_row_of_the_case_and_Overdue_lists_shows_its_status_without_sideways_scrolling(string path, string rows, string status)
    {
        var page = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        await page.GotoAsync(path);

        var count = await page.Locator(rows).CountAsync();
        Assert.True(count > 0, $"{path} shows no rows.");
        for (var i = 0; i < count; i++)
        {
            var badge = page.Locator(rows).Nth(i).Locator(status).First;
            Assert.True(await badge.IsVisibleAsync(), $"Row {i + 1} of {path} shows no status.");
            var box = (await badge.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"Row {i + 1} of {path}: the status is off-screen (x={box.X}, width={box.Width}).");
        }

        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), $"{path} scrolls sideways at 375 px: {string.Join(", ", await Accessibility.WiderThanViewportAsync(page))}");
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{path.Trim('/')}-list-375.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static async Task CheckAsync(Microsoft.Playwright.IPage page, string path, int width, List<string> failures)
    {
        await page.GotoAsync(path);
        if (await page.Locator("section[data-timeline-url]").CountAsync() > 0)
        {
            await page.Locator("section[data-timeline-ready]").WaitForAsync();
        }

        failures.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{path} at {width} px: {v}"));
        if (width < 576 && PhoneListPages.Contains(path) && await Accessibility.ScrollsSidewaysAsync(page))
        {
            failures.Add($"{path} scrolls sideways at {width} px: {string.Join(", ", await Accessibility.WiderThanViewportAsync(page))}");
        }
    }
}
