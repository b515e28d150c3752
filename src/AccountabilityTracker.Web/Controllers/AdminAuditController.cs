using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Administrators browse the append-only security audit.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/audit")]
public sealed class AdminAuditController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListSecurityAudit.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Paging.Correction(query.Page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        var page = await mediator.Send(query, cancellationToken);
        return Paging.Correction(page.Page, page.PageCount) is { } last ? Redirect(Paging.WithPage(Request, last)) : View((query, page));
    }
}
