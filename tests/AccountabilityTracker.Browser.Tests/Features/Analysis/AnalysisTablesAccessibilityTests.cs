using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Analysis;

/// <summary>
/// Issue 16: on a phone (375 px) the analysis pages (contrasts, burden, scenarios, context) keep their wide tables in
/// scroll regions that a keyboard can reach and a screen reader can name: each region has role="region",
/// tabindex="0" and an aria-label naming its table (never a generic "Table 1"), each table has a caption, the page
/// itself does not scroll sideways, and axe finds no serious or critical violation.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AnalysisTablesAccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Every_analysis_table_has_a_named_keyboard_reachable_scroll_region_and_a_caption_at_375_px()
    {
        var page = await fixture.SignedInPageAsync(Roles.Analyst, 375, 812, bypassCsp: true);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/analysis/scenarios/new").ToString());
        await page.GetByLabel("Name").FillAsync("Accessible names (375px)");
        await page.GetByLabel("CPS charging decision", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Unit (CPS charging decision)").SelectOptionAsync("Months");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and show the scenario" }).ClickAsync();
        await page.WaitForURLAsync("**/analysis/scenarios/*");
        var scenario = new Uri(page.Url).AbsolutePath;

        var failures = new List<string>();
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        string[] paths =
        [
            "/analysis/contrasts", "/analysis/contrasts?groupBy=Force", "/analysis/burden", "/analysis/burden?force=Metropolitan%20Police%20Service",
            "/analysis/scenarios", scenario + "?force=Metropolitan%20Police%20Service", "/analysis/context",
        ];
        foreach (var path in paths)
        {
            await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
            var regions = await page.EvaluateAsync<RegionInfo[]>("""
                () => [...document.querySelectorAll('main .table-responsive')].map(r => ({
                    Role: r.getAttribute('role') ?? '',
                    TabIndex: r.getAttribute('tabindex') ?? '',
                    Label: r.getAttribute('aria-label') ?? '',
                    Caption: r.querySelector('table > caption')?.textContent.trim() ?? '',
                }))
                """);
            if (regions.Length == 0)
            {
                failures.Add($"{path}: no scrollable table.");
            }

            foreach (var r in regions)
            {
                if (r.Role != "region" || r.TabIndex != "0")
                {
                    failures.Add($"{path}: a scroll region has role \"{r.Role}\" and tabindex \"{r.TabIndex}\".");
                }

                if (r.Label.Length < 12 || r.Label.StartsWith("Table ", StringComparison.Ordinal))
                {
                    failures.Add($"{path}: a scroll region is named \"{r.Label}\", which does not say what its table shows.");
                }

                if (r.Caption.Length == 0)
                {
                    failures.Add($"{path}: the table in \"{r.Label}\" has no caption.");
                }
            }

            if (regions.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() != regions.Length)
            {
                failures.Add($"{path}: two scroll regions share a name.");
            }

            var first = page.Locator("main .table-responsive").First;
            await first.FocusAsync();
            if (!await first.EvaluateAsync<bool>("r => document.activeElement === r"))
            {
                failures.Add($"{path}: the first scroll region cannot take the keyboard focus.");
            }

            if (await Accessibility.ScrollsSidewaysAsync(page))
            {
                failures.Add($"{path} scrolls sideways at 375 px: {string.Join(", ", await Accessibility.WiderThanViewportAsync(page))}");
            }

            failures.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{path} at 375 px: {v}"));
            var name = string.Concat(new Uri(page.Url).PathAndQuery.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-'));
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-375.png"), FullPage = true });
        }

        await page.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What the page says about one scroll region (filled by Playwright from the page's JSON).</summary>
    private sealed class RegionInfo
    {
        public string Role { get; set; } = string.Empty;

        public string TabIndex { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;

        public string Caption { get; set; } = string.Empty;
    }
}
