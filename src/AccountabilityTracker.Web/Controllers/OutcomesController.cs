using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers confirm the types of outcomes recorded in words only (imports, older records): one tap each.</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("outcomes-to-confirm")]
public sealed class OutcomesController(IMediator mediator) : CaseFormController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListOutcomesToConfirm.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Paging.Correction(query.Page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        var result = await mediator.Send(query, cancellationToken);
        return Paging.Correction(result.Page.Page, result.Page.PageCount) is { } last ? Redirect(Paging.WithPage(Request, last)) : View(result);
    }

    [HttpPost("{caseId:int}/stages/{stageId:int}")]
    public async Task<IActionResult> Confirm([FromRoute] int caseId, [FromRoute] int stageId, [FromForm] ConfirmOutcomeType.Command form, [FromQuery] int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, StageId = stageId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () =>
            {
                TempData["Notice"] = "Outcome type saved.";
                return RedirectToAction(nameof(Index), new { page = page < 1 ? 1 : page });
            },
            async f => View(nameof(Index), await mediator.Send(new ListOutcomesToConfirm.Query { Page = page < 1 ? 1 : page }, cancellationToken)));
    }
}
