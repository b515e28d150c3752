using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers add and edit the milestones of a case.</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("cases/{caseId:int}/milestones")]
public sealed class MilestonesController(IMediator mediator) : CaseFormController
{
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseOutline.Query(caseId), cancellationToken) is null
            ? NotFound()
            : View("Form", new AddMilestone.Command { CaseId = caseId });

    [HttpPost("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromForm] AddMilestone.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId };
        int? milestoneId = null;
        return await SubmitAsync(
            command,
            async () => (milestoneId = await mediator.Send(command, cancellationToken)) is not null,
            () => ToCase(caseId, "Milestone added.", $"milestone-{milestoneId}"),
            f => View("Form", f));
    }

    [HttpGet("{milestoneId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int milestoneId, CancellationToken cancellationToken) =>
        await mediator.Send(new EditMilestone.Query(caseId, milestoneId), cancellationToken) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{milestoneId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int milestoneId, [FromForm] EditMilestone.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, MilestoneId = milestoneId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Milestone saved.", $"milestone-{milestoneId}"),
            f => View("Form", f));
    }
}
