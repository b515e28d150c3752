using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Web.Tests.Features.Reports;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Reports;

[Collection(BrowserTestGroup.Name)]
public sealed class DurationReportBrowsingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_analyst_filters_by_force_downloads_the_csv_and_it_matches_the_table()
    {
        var page = await fixture.SignedInPageAsync(Roles.Analyst);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text + " " + message.Location);
            }
        };

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.GetByLabel("Force").SelectOptionAsync("Metropolitan Police Service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**force=Metropolitan*");

        var screenRows = await page.Locator("#by-group tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').innerText.trim(), r.dataset.median, r.children[1].innerText.trim(), r.children[10].innerText.trim()])");
        Assert.NotEmpty(screenRows);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".export-links a", new() { HasText = "CSV" }).First.ClickAsync());
        var path = await download.PathAsync();
        var csv = ExportReader.Csv(await File.ReadAllBytesAsync(path!));

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("force-Metropolitan-Police-Service", download.SuggestedFilename, StringComparison.Ordinal);
        var header = csv[0];
        var group = header.IndexOf("group");
        var fileRows = csv.Skip(1).Where(r => r[group] != "All stages").ToList();
        Assert.Equal(screenRows.Length, fileRows.Count);
        for (var i = 0; i < screenRows.Length; i++)
        {
            Assert.Equal(screenRows[i][0], fileRows[i][group]);
            Assert.Equal(screenRows[i][1] == "–" ? string.Empty : screenRows[i][1], fileRows[i][header.IndexOf("median_days")]);
            Assert.Equal(screenRows[i][2], fileRows[i][header.IndexOf("stages")]);
            Assert.Equal(screenRows[i][3], fileRows[i][header.IndexOf("running")]);
        }

        Assert.True(await page.Locator("#by-group-chart").IsVisibleAsync());
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));
        await page.Context.CloseAsync();
    }
}
