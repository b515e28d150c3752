using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Following cases, "My cases", the notification list, and the profile's digest and calendar-feed settings.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class NotificationsController(IMediator mediator) : CaseFormController
{
    [HttpGet("/notifications")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        View(await mediator.Send(new ListNotifications.Query(page), cancellationToken));

    [HttpPost("/notifications/{id:long}/read")]
    public async Task<IActionResult> Read(long id, CancellationToken cancellationToken) =>
        await mediator.Send(new MarkNotificationRead.Command(id), cancellationToken) is null ? NotFound() : RedirectToAction(nameof(Index));

    /// <summary>Opens a notification's case and marks it read.</summary>
    [HttpPost("/notifications/{id:long}/open")]
    public async Task<IActionResult> Open(long id, CancellationToken cancellationToken) =>
        await mediator.Send(new MarkNotificationRead.Command(id), cancellationToken) is { } caseId
            ? RedirectToAction("Details", "Cases", new { id = caseId })
            : NotFound();

    [HttpPost("/notifications/read-all")]
    public async Task<IActionResult> ReadAll(CancellationToken cancellationToken)
    {
        var count = await mediator.Send(new MarkAllNotificationsRead.Command(), cancellationToken);
        TempData["Notice"] = count == 1 ? "1 notification marked read." : $"{count} notifications marked read.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("/my-cases")]
    public async Task<IActionResult> MyCases(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListFollowedCases.Query(), cancellationToken));

    [HttpPost("/cases/{id:int}/follow")]
    public async Task<IActionResult> Follow(int id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new FollowCase.Command(id), cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "You follow this case: you will be notified when its clocks near or pass a limit, a report falls due, or someone else changes it.";
        return RedirectToAction("Details", "Cases", new { id });
    }

    [HttpPost("/cases/{id:int}/unfollow")]
    public async Task<IActionResult> Unfollow(int id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new UnfollowCase.Command(id), cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "You no longer follow this case.";
        return RedirectToAction("Details", "Cases", new { id });
    }

    [HttpGet("/profile/notifications")]
    public async Task<IActionResult> Settings(CancellationToken cancellationToken) =>
        View(new NotificationSettingsViewModel(await mediator.Send(new GetNotificationSettings.Query(), cancellationToken), null, null));

    [HttpPost("/profile/notifications/digest")]
    public async Task<IActionResult> Digest(UpdateDigestSettings.Command input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = await mediator.Send(new GetNotificationSettings.Query(), cancellationToken);
        return await SubmitAsync(
            input,
            async () =>
            {
                await mediator.Send(input, cancellationToken);
                return true;
            },
            () =>
            {
                TempData["Notice"] = input.Enabled ? "Your daily digest is on." : "Your daily digest is off.";
                return RedirectToAction(nameof(Settings));
            },
            form => View(nameof(Settings), new NotificationSettingsViewModel(settings, form, null)));
    }

    [HttpPost("/profile/notifications/feed")]
    public async Task<IActionResult> RenewFeed(CancellationToken cancellationToken)
    {
        var token = await mediator.Send(new RenewCalendarFeed.Command(), cancellationToken);

        // The secret URL is in this response only: never cached, never in a redirect or TempData.
        Response.Headers.CacheControl = "no-store";
        var url = Url.Action(nameof(CalendarFeedController.Feed), "CalendarFeed", new { token }, Request.Scheme, Request.Host.Value);
        return View(nameof(Settings), new NotificationSettingsViewModel(await mediator.Send(new GetNotificationSettings.Query(), cancellationToken), null, url));
    }

    [HttpPost("/profile/notifications/feed/revoke")]
    public async Task<IActionResult> RevokeFeed(CancellationToken cancellationToken)
    {
        await mediator.Send(new RevokeCalendarFeed.Command(), cancellationToken);
        TempData["Notice"] = "Your calendar feed URL is revoked: calendars that use it stop updating.";
        return RedirectToAction(nameof(Settings));
    }
}

/// <summary>The private calendar feed. Calendar clients poll it without cookies: the secret in the URL is the credential.</summary>
[AllowAnonymous]
public sealed class CalendarFeedController(IMediator mediator) : Controller
{
    [HttpGet("/feeds/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        var ics = await mediator.Send(new GetCalendarFeed.Query(token, $"{Request.Scheme}://{Request.Host}"), cancellationToken);
        if (ics is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return Content(ics, "text/calendar; charset=utf-8");
    }
}

public sealed record NotificationSettingsViewModel(GetNotificationSettings.Result Settings, UpdateDigestSettings.Command? Input, string? NewFeedUrl)
{
    public UpdateDigestSettings.Command Form => Input ?? new UpdateDigestSettings.Command { Enabled = Settings.DigestEnabled, Hour = Settings.DigestHour, OnlyWhenChanged = Settings.DigestOnlyWhenChanged };
}
