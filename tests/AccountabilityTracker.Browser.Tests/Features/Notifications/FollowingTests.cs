using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Features.Notifications;

[Collection(BrowserTestGroup.Name)]
public sealed class FollowingTests(BrowserFixture fixture)
{
    private const string Kaba = "Fatal police shooting of Chris Kaba, Streatham Hill (2022)";

    [Fact]
    public async Task A_user_follows_the_Kaba_case_a_change_shows_on_the_bell_and_the_notification_opens_the_case()
    {
        var page = await fixture.SignedInPageAsync(Roles.Researcher);
        await page.GotoAsync("/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = Kaba }).ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        var caseUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow this case" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop following" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".notification-count").CountAsync());

        // Someone else changes the case a minute later; the notification job (run here rather than on its timer) picks it up.
        fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
        await fixture.App.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrackerDbContext>();
            var stage = await db.Stages.Include(s => s.Case).Where(s => s.Case.Title == Kaba).OrderBy(s => s.Id).FirstAsync();
            stage.Edit(stage.Kind, stage.Label, stage.Start, stage.End, stage.Outcome, (stage.Notes ?? string.Empty) + " Next hearing listed.", fixture.App.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return true;
        });
        await fixture.App.SendAsync(new RaiseNotifications.Command());

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".notification-bell .notification-count")).ToHaveTextAsync("1");
        await page.Locator(".notification-bell").ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        var notification = page.Locator(".notification-list a.notification-link").First;
        Assert.Contains("Kaba", await notification.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator(".notification-list").GetByRole(AriaRole.Button, new() { Name = "Open case" }).First.ClickAsync();
        await page.WaitForURLAsync(caseUrl);
        Assert.Equal(Kaba, await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".notification-count").CountAsync());
        await page.Context.CloseAsync();

        // "My cases" lists it on a 375-px phone without sideways scrolling.
        var phone = await fixture.SignedInPageAsync(Roles.Researcher, 375, 812);
        await phone.GotoAsync("/my-cases");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Kaba") })).ToBeVisibleAsync();
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "My cases scrolls sideways at 375 px.");
        await phone.Context.CloseAsync();
    }
}
