using System.Text.Json;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Infrastructure;

/// <summary>axe-core (from npm, copied beside the test assembly by the project file) run inside a page.</summary>
public static class Accessibility
{
    private static string AxePath => Path.Combine(AppContext.BaseDirectory, "axe-core", "axe.min.js");

    /// <summary>
    /// The serious and critical violations axe finds on the page as it is now, one line each. The page's context must
    /// bypass the CSP (the app's CSP rightly refuses the injected script).
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddScriptTagAsync(new() { Path = AxePath });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
        return [.. json.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>
    /// True when the page is wider than the viewport, so a phone would scroll sideways. A page with a chart is measured
    /// once timeline.js has drawn it (it is drawn after the page loads, and measuring earlier flaked under load).
    /// </summary>
    public static async Task<bool> ScrollsSidewaysAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await page.Locator("section[data-timeline-url]").CountAsync() > 0)
        {
            await page.Locator("section[data-timeline-ready]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        }

        return await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
    }

    /// <summary>The elements reaching past the right edge of the viewport (for a failure message).</summary>
    public static Task<string[]> WiderThanViewportAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right))
            """);
    }
}
