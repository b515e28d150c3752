using System.Data.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.ViewComponents;

/// <summary>The navigation link to the Overdue page with the number of overdue clocks, for users who may read cases.</summary>
public sealed class OverdueCountViewComponent(IMediator mediator, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!(await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.ReadCases)).Succeeded)
        {
            return Content(string.Empty);
        }

        try
        {
            return View(await mediator.Send(new CountOverdue.Query(), HttpContext.RequestAborted));
        }
        catch (Exception exception) when (exception is DbException || DatabaseOutage.IsOutage(exception))
        {
            // The layout also frames error pages: a database fault must not break the page that reports it.
            return View(default(CountOverdue.Result));
        }
    }
}
