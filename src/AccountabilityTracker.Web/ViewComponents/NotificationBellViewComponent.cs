using System.Data.Common;
using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.ViewComponents;

/// <summary>The navigation's bell: the signed-in user's unread notifications, one indexed count.</summary>
public sealed class NotificationBellViewComponent(IMediator mediator, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!(await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.ReadCases)).Succeeded)
        {
            return Content(string.Empty);
        }

        try
        {
            return View(await mediator.Send(new CountUnreadNotifications.Query(), HttpContext.RequestAborted));
        }
        catch (Exception exception) when (exception is DbException || DatabaseOutage.IsOutage(exception))
        {
            // The layout also frames error pages: a database fault must not break the page that reports it.
            return View((int?)null);
        }
    }
}

/// <summary>The case page's Follow / Stop following button.</summary>
public sealed class FollowButtonViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId) =>
        View((caseId, await mediator.Send(new GetFollowState.Query(caseId), HttpContext.RequestAborted)));
}
