using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Cases;

/// <summary>
/// A federation rep on a phone (375 × 812) logs a case as it happens. Its own app and database, so the cases it adds
/// never change what the browsing tests see.
/// </summary>
[Collection(CaseLoggingBrowserGroup.Name)]
public sealed class CaseLoggingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_caseworker_on_a_phone_creates_a_case_adds_a_stage_with_a_source_closes_it_and_sees_it_on_the_timeline()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, 375, 812);

        await page.GotoAsync("/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "New case" }).ClickAsync();
        await page.Locator("#Title").FillAsync("Restraint death in custody, Luton (2024)");
        await page.Locator("#Subject").FillAsync("not published");
        await page.Locator("#IncidentDate").FillAsync("2024-02-11");
        await page.Locator("#IncidentPrecision").SelectOptionAsync("Day");
        await page.Locator("#Location").FillAsync("Luton police station");
        await page.Locator("#Force").SelectOptionAsync("Bedfordshire Police");
        await page.Locator("#IncidentType").SelectOptionAsync("DeathInOrAfterCustody");
        await page.Locator("#Harm").SelectOptionAsync("Fatal");
        await AssertNoSidewaysScrollAsync(page, "the new case form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create case" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        Assert.Equal("Restraint death in custody, Luton (2024)", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Add stage" }).ClickAsync();
        await page.Locator("#Kind").SelectOptionAsync("IopcInvestigation");
        await page.Locator("#StartDate").FillAsync("2024-02");
        await page.Locator("#StartPrecision").SelectOptionAsync("Month");
        await page.Locator("#SourceUrl").FillAsync("https://www.policeconduct.gov.uk/news/investigation-luton-example");
        await page.Locator("#SourcePublisher").FillAsync("IOPC");
        await page.Locator("#SourceQuote").FillAsync("We have begun an independent investigation.");
        await AssertNoSidewaysScrollAsync(page, "the stage form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*#stage-*");

        var stage = page.Locator("article.stage-card");
        Assert.Equal(1, await stage.CountAsync());
        Assert.Contains("running", await stage.InnerTextAsync(), StringComparison.Ordinal);
        await stage.GetByRole(AriaRole.Link, new() { Name = "Close IOPC investigation" }).ClickAsync();
        await page.Locator("#EndDate").FillAsync("2024-11-28");
        await page.Locator("#EndPrecision").SelectOptionAsync("Day");
        await page.Locator("#Outcome").FillAsync("No case to answer; file not referred to the CPS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close stage" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*#stage-*");

        var closed = page.Locator("ol.timeline > li.timeline-stage");
        var text = await closed.InnerTextAsync();
        Assert.Contains("IOPC investigation", text, StringComparison.Ordinal);
        Assert.Contains("28 Nov 2024", text, StringComparison.Ordinal);
        Assert.Contains("No case to answer; file not referred to the CPS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("running", text, StringComparison.Ordinal);
        Assert.Equal("February 2024", await closed.Locator("time").First.InnerTextAsync());
        await closed.Locator("details.sources summary").ClickAsync();
        Assert.True(await closed.GetByRole(AriaRole.Link, new() { Name = "IOPC", Exact = true }).IsVisibleAsync());
        await AssertNoSidewaysScrollAsync(page, "the case page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_end_date_before_the_start_is_shown_beside_the_field_and_nothing_is_saved()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, 375, 812);
        await page.GotoAsync("/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fatal police shooting of Jermaine Baker, Wood Green (2015)" }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        var caseId = int.Parse(page.Url.Split('/')[^1].Split('#')[0], System.Globalization.CultureInfo.InvariantCulture);
        var stagesBefore = await CountStagesAsync(caseId);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add stage" }).ClickAsync();
        await page.Locator("#Kind").SelectOptionAsync("JudicialReview");
        await page.Locator("#StartDate").FillAsync("2020-06-10");
        await page.Locator("#EndDate").FillAsync("2020-06-01");
        await page.Locator("#Outcome").FillAsync("Dismissed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();

        var error = page.Locator("#EndDate-error");
        Assert.Equal("A stage cannot end before it starts: check the end date.", (await error.InnerTextAsync()).Trim());
        Assert.Contains("EndDate-error", await page.Locator("#EndDate").GetAttributeAsync("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#EndDate").GetAttributeAsync("aria-invalid"));
        var fieldBox = await page.Locator("#EndDate").BoundingBoxAsync();
        var errorBox = await error.BoundingBoxAsync();
        Assert.True(errorBox!.Y > fieldBox!.Y && errorBox.Y - fieldBox.Y < 200, "The message is not beside the end date.");
        Assert.Equal("2020-06-01", await page.Locator("#EndDate").InputValueAsync());
        Assert.Equal(stagesBefore, await CountStagesAsync(caseId));
        await AssertNoSidewaysScrollAsync(page, "the refused stage form");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Picking_a_day_fills_the_date_and_a_day_typed_with_month_precision_is_flagged_before_sending()
    {
        var page = await fixture.SignedInPageAsync(Roles.Caseworker, 375, 812);
        await page.GotoAsync("/cases/new");

        Assert.True(await page.Locator("#IncidentDate-picker").IsVisibleAsync());
        await page.Locator("#IncidentDate-picker").FillAsync("2022-09-05");
        Assert.Equal("2022-09-05", await page.Locator("#IncidentDate").InputValueAsync());
        await page.Locator("#IncidentPrecision").SelectOptionAsync("Month");

        Assert.Equal("A month-precision date cannot be given a day: enter just the year and month, e.g. 2018-05.", await page.Locator("#IncidentDate-check").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_people_editing_one_case_keep_both_changes_and_a_field_both_changed_shows_both_values()
    {
        var first = await fixture.SignedInPageAsync(Roles.Caseworker, 1280, 900);
        var second = await fixture.SignedInPageAsync(Roles.Administrator, 1280, 900);
        var caseId = await fixture.App.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var particulars = new AccountabilityTracker.Domain.Cases.CaseParticulars(
                "Shooting in Wood Green (two editors)", "not published", AccountabilityTracker.Domain.Dates.PartialDate.OnDay(2015, 12, 11), null, "Wood Green",
                "Metropolitan Police Service", AccountabilityTracker.Domain.Cases.IncidentType.Shooting, AccountabilityTracker.Domain.Cases.Harm.Fatal, AccountabilityTracker.Domain.Cases.OperationCategory.CounterTerrorism, null);
            var opened = AccountabilityTracker.Domain.Cases.Case.Open("ATC-2015-0900", particulars, new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc));
            db.Cases.Add(opened);
            await db.SaveChangesAsync();
            return opened.Id;
        });
        await first.GotoAsync($"/cases/{caseId}/edit");
        await second.GotoAsync($"/cases/{caseId}/edit");

        // Issue 14: one changes Location and saves; the other changed only Summary, and saves after.
        await first.Locator("#Location").FillAsync("Wood Green, north London (corrected)");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await first.WaitForURLAsync($"**/cases/{caseId}");
        await second.Locator("#Summary").FillAsync("Shot during a planned operation.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await second.WaitForURLAsync($"**/cases/{caseId}");

        var (location, summary) = await fixture.App.WithServicesAsync(async s =>
        {
            var stored = await s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
            return (stored.Location, stored.Summary);
        });
        Assert.Equal(("Wood Green, north London (corrected)", "Shot during a planned operation."), (location, summary));

        // Now both change the title: the second sees both values, and saving as shown keeps the first person's.
        await first.GotoAsync($"/cases/{caseId}/edit");
        await second.GotoAsync($"/cases/{caseId}/edit");
        await first.Locator("#Title").FillAsync("Wood Green shooting (first's title)");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await first.WaitForURLAsync($"**/cases/{caseId}");
        await second.Locator("#Title").FillAsync("Wood Green shooting (second's title)");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();

        var message = await second.Locator("#Title-error").InnerTextAsync();
        Assert.Contains("“Wood Green shooting (first's title)”", message, StringComparison.Ordinal);
        Assert.Contains("“Wood Green shooting (second's title)”", message, StringComparison.Ordinal);
        Assert.Equal("Wood Green shooting (first's title)", await second.Locator("#Title").InputValueAsync());
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await second.WaitForURLAsync($"**/cases/{caseId}");
        Assert.Equal("Wood Green shooting (first's title)", await second.Locator("h1").InnerTextAsync());
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private Task<int> CountStagesAsync(int caseId) =>
        fixture.App.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.CountAsync(x => x.CaseId == caseId));

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        Assert.False(await Accessibility.ScrollsSidewaysAsync(page), $"{what} scrolls sideways at 375 px.");
    }
}

[CollectionDefinition(Name)]
public sealed class CaseLoggingBrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser case logging";
}
