using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Administrators find archived cases and restore them; nothing is ever hard-deleted.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/archived-cases")]
public sealed class AdminArchiveController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListArchivedCases.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Paging.Correction(query.Page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        var page = await mediator.Send(query, cancellationToken);
        return Paging.Correction(page.Page, page.PageCount) is { } last ? Redirect(Paging.WithPage(Request, last)) : View(page);
    }

    [HttpPost("{id:int}/restore")]
    public async Task<IActionResult> Restore([FromRoute] int id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new RestoreCase.Command(id), cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "Case restored: it is back in the case list and reports.";
        return RedirectToAction(nameof(CasesController.Details), "Cases", new { id });
    }
}
