using System.Globalization;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Cases;

/// <summary>
/// A rep at a hearing, on a 375 × 812 phone: the case's status, its next due date and the stage actions are on the first
/// screen; "hearing held, outcome, next date" is recorded in a few taps, and a dropped connection loses nothing typed.
/// </summary>
[Collection(CaseLoggingBrowserGroup.Name)]
public sealed class HearingOnAPhoneTests(BrowserFixture fixture)
{
    private const int Width = 375;
    private const int Height = 812;

    /// <summary>Where the first-screen screenshots go (CI sets SCREENSHOTS_DIR to keep them with the test results).</summary>
    private static string ScreenshotFolder => Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_first_screen_of_the_case_page_on_a_phone_holds_the_status_the_next_due_date_and_the_stage_actions()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, Width, Height);
        var watch = await PageWatch.StartAsync(page);
        await page.GotoAsync($"/cases/{await KabaIdAsync()}");
        await watch.WaitForTimelineAsync();

        var status = page.Locator(".case-status .case-status-clock .clock-badge");
        var nextDue = page.Locator(".case-status .next-due time");
        var hearing = page.Locator("article.stage-card").First.GetByRole(AriaRole.Link, new() { NameRegex = new("^Record hearing") });
        var close = page.Locator("article.stage-card").First.GetByRole(AriaRole.Link, new() { NameRegex = new("^Close ") });

        Directory.CreateDirectory(ScreenshotFolder);
        var shot = Path.Combine(ScreenshotFolder, "case-page-375x812.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = false });
        Assert.True(new FileInfo(shot).Length > 10_000, "The screenshot of the first screen is missing or blank.");

        foreach (var (name, element) in new[] { ("status", status), ("next due date", nextDue), ("Record hearing", hearing), ("Close", close) })
        {
            Assert.True(await element.IsVisibleAsync(), $"The {name} is not shown on the case page.");
            var box = await element.BoundingBoxAsync();
            Assert.True(box is not null && box.Y >= 0 && box.Y + box.Height <= Height && box.X >= 0 && box.X + box.Width <= Width,
                $"The {name} is not on the first screen at {Width} × {Height} (box {box?.X},{box?.Y} {box?.Width}×{box?.Height}); see {shot}.");
        }

        Assert.Matches(@"^\d{1,2} [A-Z][a-z]{2} \d{4}$", await nextDue.InnerTextAsync());
        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), "The case page scrolls sideways at 375 px.");

        // The chart comes after the stages; the accessible list is still on the page.
        var stagesTop = (await page.Locator("#stages-heading").BoundingBoxAsync())!.Y;
        var chartTop = (await page.Locator("#timeline-chart-heading").BoundingBoxAsync())!.Y;
        Assert.True(stagesTop < chartTop, "The stages should come before the chart.");
        Assert.True(await page.Locator("ol.timeline > li").CountAsync() > 10);
        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rep_records_a_hearing_on_the_Kaba_case_from_the_first_screen_and_a_lost_connection_keeps_what_was_typed()
    {
        var kabaId = await KabaIdAsync();
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, Width, Height);
        var watch = await PageWatch.StartAsync(page);
        await page.GotoAsync($"/cases/{kabaId}");

        var card = page.Locator("article.stage-card.stage-running").First;
        var stageName = (await card.Locator("h3").InnerTextAsync()).Trim();
        var action = card.GetByRole(AriaRole.Link, new() { NameRegex = new("^Record hearing") });
        var box = (await action.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= Height, $"Record hearing is below the first screen (y={box.Y}).");
        await action.ClickAsync();
        await page.WaitForURLAsync("**/hearing");

        var today = fixture.App.Time.GetUtcNow();
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await page.Locator("#HearingDate").InputValueAsync());
        var nextDate = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#Outcome").FillAsync("Adjourned for legal argument");
        await page.Locator("#NextStep").FillAsync("Trial resumes");
        await page.Locator("#NextDate").FillAsync(nextDate);
        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), "The hearing form scrolls sideways at 375 px.");

        // The connection drops on submit: nothing is lost and the form says so.
        await page.Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record hearing" }).ClickAsync();
        var draftStatus = page.Locator("[data-draft-status]");
        await draftStatus.WaitForAsync();
        Assert.Contains("nothing was saved", await draftStatus.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Adjourned for legal argument", await page.Locator("#Outcome").InputValueAsync());
        Assert.Equal(nextDate, await page.Locator("#NextDate").InputValueAsync());
        Assert.Contains("hearing", page.Url, StringComparison.Ordinal);

        // Back in signal, even after the page is opened again (a tab closed, the phone restarted), the draft comes back
        // and says so; the same button then sends it.
        await page.Context.SetOfflineAsync(false);
        await page.ReloadAsync();
        Assert.Equal("Adjourned for legal argument", await page.Locator("#Outcome").InputValueAsync());
        Assert.Equal("Trial resumes", await page.Locator("#NextStep").InputValueAsync());
        Assert.Contains("has been put back", await page.Locator("[data-draft-status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record hearing" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/cases/{kabaId}", StringComparison.Ordinal));

        var milestone = page.Locator("ol.timeline > li.timeline-milestone", new() { HasText = "Adjourned for legal argument" });
        var text = await milestone.InnerTextAsync();
        Assert.Contains("Hearing: " + stageName, text, StringComparison.Ordinal);
        Assert.Contains("Adjourned for legal argument", text, StringComparison.Ordinal);
        Assert.Contains("Trial resumes expected", text, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("article.stage-card.stage-running", new() { HasText = stageName }).CountAsync());
        Assert.Contains("Hearing recorded.", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // The draft was cleared once saved: opening the form again starts clean.
        await page.Locator("article.stage-card.stage-running").First.GetByRole(AriaRole.Link, new() { NameRegex = new("^Record hearing") }).ClickAsync();
        await page.WaitForURLAsync("**/hearing");
        Assert.Equal(string.Empty, await page.Locator("#Outcome").InputValueAsync());
        Assert.True(await page.Locator("[data-draft-status]").IsHiddenAsync());
        Assert.Empty(await watch.CspViolationsAsync());
        Assert.Empty(watch.ScriptErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_hearing_shows_the_message_beside_the_field_and_the_message_goes_once_the_field_is_fixed()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, Width, Height);
        await page.GotoAsync($"/cases/{await KabaIdAsync()}");
        await page.Locator("article.stage-card.stage-running").First.GetByRole(AriaRole.Link, new() { NameRegex = new("^Record hearing") }).ClickAsync();
        await page.WaitForURLAsync("**/hearing");
        await page.Locator("#NextDate").FillAsync("2001-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record hearing" }).ClickAsync();
        await page.Locator("#Outcome-error span").WaitForAsync();

        Assert.Contains("hearing", page.Url, StringComparison.Ordinal);
        Assert.Contains("Say what happened", await page.Locator("#Outcome-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("This date has passed", await page.Locator("#NextDate-error").InnerTextAsync(), StringComparison.Ordinal);

        // Fixing a field clears its message at once; the other stays until it is fixed too.
        await page.Locator("#Outcome").FillAsync("Adjourned");
        Assert.Equal(string.Empty, (await page.Locator("#Outcome-error").InnerTextAsync()).Trim());
        Assert.Null(await page.Locator("#Outcome").GetAttributeAsync("aria-invalid"));
        Assert.Contains("This date has passed", await page.Locator("#NextDate-error").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_long_case_title_is_shortened_on_a_phone_and_shown_whole_on_request()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, Width, Height);
        await page.GotoAsync("/cases/new");
        var title = "Death following restraint and prolonged detention under the Mental Health Act at a custody suite in the north of England, with a later independent investigation, a criminal trial, an inquest and misconduct proceedings (2024)";
        await page.Locator("#Title").FillAsync(title);
        await page.Locator("#Subject").FillAsync("not published");
        await page.Locator("#IncidentDate").FillAsync("2024-02-11");
        await page.Locator("#Location").FillAsync("Leeds");
        await page.Locator("#Force").SelectOptionAsync("West Yorkshire Police");
        await page.Locator("#IncidentType").SelectOptionAsync("Restraint");
        await page.Locator("#Harm").SelectOptionAsync("Fatal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create case" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");

        var heading = page.Locator("h1");
        var shortened = (await heading.BoundingBoxAsync())!.Height;
        Assert.Equal(title, await heading.TextContentAsync());
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show the full title" });
        await toggle.ClickAsync();
        Assert.True((await heading.BoundingBoxAsync())!.Height > shortened + 20, "The full title did not open.");
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "Shorten the title" }).GetAttributeAsync("aria-expanded"));
        Assert.True(shortened < 120, $"The shortened title is {shortened} px tall.");
        await page.Context.CloseAsync();
    }

    private Task<int> KabaIdAsync() =>
        fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync());
}
