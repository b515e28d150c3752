using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Infrastructure;

/// <summary>
/// Records what a page does that a test must check: every request it makes, its console errors, uncaught script errors,
/// and every Content Security Policy violation (seen through the securitypolicyviolation event, which a script added
/// by the browser driver can hear whatever the page's CSP says).
/// </summary>
public sealed class PageWatch
{
    private readonly IPage _page;

    private PageWatch(IPage page)
    {
        _page = page;
        page.Request += (_, request) => Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ScriptErrors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                FailedResponses.Add($"{response.Status} {response.Url}");
            }
        };
    }

    public List<string> Requests { get; } = [];

    public List<string> ConsoleErrors { get; } = [];

    public List<string> ScriptErrors { get; } = [];

    public List<string> FailedResponses { get; } = [];

    public static async Task<PageWatch> StartAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
            """);
        return new PageWatch(page);
    }

    /// <summary>Waits until timeline.js has drawn the chart; if it never does, says what went wrong in the page.</summary>
    public async Task WaitForTimelineAsync()
    {
        try
        {
            await _page.Locator("section[data-timeline-ready]").WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException e)
        {
            var problems = ScriptErrors.Concat(ConsoleErrors).Concat(FailedResponses).Concat(await CspViolationsAsync())
                .Append(await _page.Locator(".timeline-status").First.InnerTextAsync());
            throw new TimeoutException("The timeline was not drawn. " + string.Join(" | ", problems), e);
        }
    }

    public Task<string[]> CspViolationsAsync() => _page.EvaluateAsync<string[]>("() => window.__cspViolations || []");

    /// <summary>Fails unless every request went to the app itself and the page broke no CSP rule and threw nothing.</summary>
    public async Task AssertCleanAsync(Uri app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var origin = app.GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(Requests);
        Assert.All(Requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Empty(await CspViolationsAsync());
        Assert.Empty(ConsoleErrors);
        Assert.Empty(ScriptErrors);
        Assert.Empty(FailedResponses);
    }
}
