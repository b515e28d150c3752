using System.Globalization;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Research;

[Collection(BrowserTestGroup.Name)]
public sealed class TimelineBrowsingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_Kaba_timeline_draws_every_dated_stage_and_milestone_and_shows_an_item_with_its_sources()
    {
        var kaba = await LoadCaseAsync("chris-kaba-2022");
        var page = await fixture.SignedInPageAsync(Roles.Researcher);
        var watch = await PageWatch.StartAsync(page);

        await page.GotoAsync($"/cases/{kaba.Id}");
        await watch.WaitForTimelineAsync();

        Assert.Equal(kaba.Stages.Count(s => s.Start.IsKnown), await page.Locator(".timeline-chart .vis-item.tl-stage").CountAsync());
        Assert.Equal(kaba.Milestones.Count(m => m.Date.IsKnown), await page.Locator(".timeline-chart .vis-item.tl-milestone:not(.vis-dot)").CountAsync());
        Assert.True(await page.Locator(".timeline-chart .vis-item.tl-limit").CountAsync() > 0, "No limit marker was drawn.");
        Assert.True(await page.Locator(".timeline-chart .vis-item.tl-stage.tl-running").CountAsync() > 0, "The running inquest is not drawn as running.");

        // One lane per stage kind in the case, the milestones, the national context (reviews and statements, not
        // proceedings), the officer's events and periods, and the whole-case clock's limit.
        var lanes = await page.Locator(".timeline-chart .vis-label .tl-lane").AllTextContentsAsync();
        Assert.Equal([.. kaba.Stages.Select(s => s.Kind).Distinct().Order().Select(k => k.DisplayName()), "Milestones", "National context", "Officers", "Whole case"], lanes);

        var homicide = kaba.Stages.Single(s => s.Label.StartsWith("IOPC homicide", StringComparison.Ordinal));
        await page.Locator(".timeline-chart .vis-item.tl-stage", new() { Has = page.Locator($"[data-item-id='stage-{homicide.Id}']") }).ClickAsync();

        var detail = page.Locator(".timeline-detail");
        await detail.WaitForAsync();
        var text = await detail.InnerTextAsync();
        Assert.Contains(homicide.Label, text, StringComparison.Ordinal);
        Assert.Contains("9 Sep 2022 to 30 Mar 2023", text, StringComparison.Ordinal);
        Assert.Contains(homicide.Outcome![..60], text, StringComparison.Ordinal);
        var sourceUrls = await detail.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        Assert.Equal(homicide.Sources.OrderBy(s => s.Id).Select(s => s.Url), sourceUrls);

        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Approximate_dates_pauses_and_running_stages_are_drawn_as_such()
    {
        var caseId = await fixture.App.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var now = DateTime.UtcNow;
            var made = Case.Open("ATC-2019-0950", new CaseParticulars("Timeline drawing case", "not published", PartialDate.InMonth(2019, 3), null, "Leeds", "West Yorkshire Police", IncidentType.Restraint, Harm.SeriousInjury, OperationCategory.RoutinePolicing, null), now);
            made.AddStage(StageKind.IopcInvestigation, "IOPC investigation", PartialDate.InMonth(2019, 4), PartialDate.OnDay(2020, 6, 30), "No case to answer", now);
            var misconduct = made.AddStage(StageKind.MisconductProceedings, "Misconduct proceedings", PartialDate.OnDay(2020, 7, 1), null, null, now);
            misconduct.Pause(new DateOnly(2020, 9, 1), new DateOnly(2021, 3, 1), "Criminal proceedings first (reg 10(3))", now);
            made.AddMilestone("Referral", PartialDate.InYear(2019), null, now);
            made.Archive(now);   // kept out of the case list, which other browser tests count; only administrators open it
            db.Cases.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        var page = await fixture.SignedInPageAsync(Roles.Administrator);
        var watch = await PageWatch.StartAsync(page);

        await page.GotoAsync($"/cases/{caseId}");
        await watch.WaitForTimelineAsync();

        var approximate = page.Locator(".timeline-chart .vis-item.tl-stage.tl-approx");
        Assert.Equal(1, await approximate.CountAsync());
        Assert.StartsWith("about IOPC investigation", await approximate.Locator(".tl-label").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("linear-gradient", await approximate.EvaluateAsync<string>("e => e.style.backgroundImage"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".timeline-chart .vis-item.tl-milestone.tl-approx").CountAsync());
        Assert.Equal(1, await page.Locator(".timeline-chart .vis-item.tl-pause").CountAsync());
        Assert.Equal(1, await page.Locator(".timeline-chart .vis-item.tl-stage.tl-running").CountAsync());

        await page.Locator(".timeline-chart .vis-item.tl-pause").ClickAsync();
        var detail = await page.Locator(".timeline-detail").InnerTextAsync();
        Assert.Contains("1 Sep 2020 to 1 Mar 2021", detail, StringComparison.Ordinal);
        Assert.Contains("Criminal proceedings first", detail, StringComparison.Ordinal);

        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Kaba_and_W80_compare_from_day_0_with_day_counts_matching_their_dates()
    {
        var kaba = await LoadCaseAsync("chris-kaba-2022");
        var baker = await LoadCaseAsync("jermaine-baker-2015");
        var page = await fixture.SignedInPageAsync(Roles.Researcher);
        var watch = await PageWatch.StartAsync(page);

        // Pick them on the list, as a researcher would.
        await page.GotoAsync("/cases");
        await page.GetByLabel("Compare " + kaba.Title).CheckAsync();
        await page.GetByLabel("Compare " + baker.Title).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare selected" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/compare?", StringComparison.Ordinal));
        await watch.WaitForTimelineAsync();

        // Both start at the day-0 line: whatever each case has on the day of its incident is drawn on that line.
        var dayZero = await page.Locator(".timeline-chart .vis-custom-time.day-zero").BoundingBoxAsync();
        Assert.NotNull(dayZero);
        var zeroX = dayZero.X + (dayZero.Width / 2);
        foreach (var found in new[] { kaba, baker })
        {
            var x = found.Stages.FirstOrDefault(st => st.StartOn == found.IncidentOn) is { } stage
                ? (await page.Locator($".timeline-chart .vis-item.tl-stage:has([data-item-id='case-{found.Id}-stage-{stage.Id}'])").BoundingBoxAsync())!.X
                : await DotCentreAsync(page, $"case-{found.Id}-milestone-{found.Milestones.First(m => m.OccurredOn == found.IncidentOn).Id}");
            Assert.True(Math.Abs(x - zeroX) <= 3, $"{found.Reference}: day 0 at {x}, incident line at {zeroX}");
        }

        Assert.Equal(2, await page.Locator(".timeline-chart .vis-label .tl-lane").CountAsync());

        // Every day count in the tables, against the dates in the database.
        foreach (var found in new[] { kaba, baker })
        {
            var table = page.Locator($"table.compare-table[data-case-id='{found.Id}']");
            foreach (var stage in found.Stages)
            {
                var row = table.Locator($"tr[data-row-id='stage-{stage.Id}']");
                var cells = row.Locator("td.day-offset");
                Assert.Equal(Expected(found.IncidentDate, stage.Start), await cells.Nth(0).InnerTextAsync());
                var end = stage.End ?? PartialDate.OnDay(new DateOnly(2026, 11, 23));
                Assert.Equal(Expected(found.IncidentDate, end) + (stage.IsRunning ? " so far" : string.Empty), await cells.Nth(1).InnerTextAsync());
            }

            foreach (var milestone in found.Milestones)
            {
                var cell = table.Locator($"tr[data-row-id='milestone-{milestone.Id}'] td.day-offset");
                Assert.Equal(Expected(found.IncidentDate, milestone.Date), await cell.InnerTextAsync());
            }
        }

        // The known facts: NX121 charged 380 days after the shooting; W80's misconduct case dismissed 15 Oct 2025.
        var charge = kaba.Stages.Single(s => s.Kind == StageKind.CpsDecision);
        Assert.Equal("380 days", await page.Locator($"tr[data-row-id='stage-{charge.Id}'] td.day-offset").Nth(1).InnerTextAsync());
        var hearing = baker.Stages.Where(s => s.Kind == StageKind.MisconductProceedings).OrderBy(s => s.Start).Last();
        Assert.Equal(new DateOnly(2025, 10, 15), hearing.EndOn);

        await watch.AssertCleanAsync(fixture.BaseAddress);
        await page.Context.CloseAsync();
    }

    /// <summary>The day count the table should show, worked out here from the first and last day each date can be.</summary>
    private static string Expected(PartialDate incident, PartialDate date)
    {
        static (DateOnly First, DateOnly Last) Span(PartialDate d) => d.Precision switch
        {
            DatePrecision.Year => (new DateOnly(d.Earliest!.Value.Year, 1, 1), new DateOnly(d.Earliest!.Value.Year, 12, 31)),
            DatePrecision.Month => (d.Earliest!.Value, d.Earliest!.Value.AddMonths(1).AddDays(-1)),
            _ => (d.Earliest!.Value, d.Earliest!.Value),
        };

        var (incidentFirst, incidentLast) = Span(incident);
        var (first, last) = Span(date);
        var shortest = Math.Max(0, first.DayNumber - incidentLast.DayNumber);
        var longest = Math.Max(0, last.DayNumber - incidentFirst.DayNumber);
        var culture = CultureInfo.InvariantCulture;
        return shortest == longest
            ? string.Format(culture, "{0:N0} {1}", shortest, shortest == 1 ? "day" : "days")
            : string.Format(culture, "about {0:N0} days ({1:N0}–{2:N0})", shortest + ((longest - shortest) / 2), shortest, longest);
    }

    private static async Task<float> DotCentreAsync(IPage page, string itemId)
    {
        var dot = await page.Locator($".timeline-chart .vis-item.vis-point:has([data-item-id='{itemId}']) .vis-dot").BoundingBoxAsync();
        Assert.NotNull(dot);
        return dot.X + (dot.Width / 2);
    }

    private Task<Case> LoadCaseAsync(string externalId) => fixture.App.WithServicesAsync(s =>
        s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking().AsSplitQuery()
            .Include(c => c.Stages).ThenInclude(st => st.Sources)
            .Include(c => c.Milestones)
            .SingleAsync(c => c.ExternalId == externalId));
}
