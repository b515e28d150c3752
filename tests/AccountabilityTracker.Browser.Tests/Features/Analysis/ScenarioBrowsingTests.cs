using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Web.Tests.Exports;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Analysis;

/// <summary>Issue 16, acceptance 4: an analyst builds a scenario with the CPS at 3 months, sees Kaba's and Baker's CPS stages as breaches, and exports them.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ScenarioBrowsingTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 740)]
    public async Task An_analyst_builds_a_cps_3_month_scenario_sees_kaba_and_baker_breach_and_exports_them(int width, int height)
    {
        var page = await fixture.SignedInPageAsync(Roles.Analyst, width, height);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/analysis/scenarios").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "New scenario" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync($"CPS 3 months ({width}px)");
        await page.GetByLabel("CPS charging decision", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Unit (CPS charging decision)").SelectOptionAsync("Months");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and show the scenario" }).ClickAsync();
        await page.WaitForURLAsync("**/analysis/scenarios/*");

        await page.GetByLabel("Force", new() { Exact = true }).SelectOptionAsync("Metropolitan Police Service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**force=Metropolitan*");

        var cps = page.Locator("tr[data-limit='CpsDecision']");
        Assert.True(int.Parse(await cps.Locator("[data-scenario-breaches]").GetAttributeAsync("data-scenario-breaches") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var breaches = page.Locator("table.scenario-breaches tbody tr[data-kind='CpsDecision']");
        await Assertions.Expect(breaches.Filter(new() { HasText = "Kaba" })).ToContainTextAsync("30 Mar 2023");
        await Assertions.Expect(breaches.Filter(new() { HasText = "Baker" }).Filter(new() { HasText = "23 Dec 2016" })).ToContainTextAsync("14 Jun 2017");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-stages-csv").ClickAsync());
        var csv = IndependentReaders.Csv(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var header = csv[0];
        Assert.Matches("^scenario-stages-\\d+_force-Metropolitan-Police-Service_\\d{8}T\\d{6}Z\\.csv$", download.SuggestedFilename);
        var starts = csv.Skip(1).Where(r => r[header.IndexOf("stage_kind_code")] == "CpsDecision").Select(r => r[header.IndexOf("start_date")]).ToList();
        Assert.Contains("2023-03-30", starts);
        Assert.Contains("2016-12-23", starts);
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));
        await page.Context.CloseAsync();
    }
}
