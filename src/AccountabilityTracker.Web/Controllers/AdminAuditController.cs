using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Security;
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
    public async Task<IActionResult> Index([FromQuery] ListSecurityAudit.Query query, CancellationToken cancellationToken) =>
        View((query, await mediator.Send(query, cancellationToken)));
}
