using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers add and edit sources, attached to the case, a stage or a milestone.</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("cases/{caseId:int}/sources")]
public sealed class SourcesController(IMediator mediator) : CaseFormController
{
    /// <param name="attachTo">Preselects a stage or milestone ("stage-12", "milestone-5").</param>
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromQuery] string? attachTo, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseOutline.Query(caseId), cancellationToken) is null
            ? NotFound()
            : View("Form", new AddSource.Command { CaseId = caseId, AttachTo = SourceInput.TryParseTarget(attachTo, out _, out _) ? attachTo : null });

    [HttpPost("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromForm] AddSource.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId };
        return await SubmitAsync(
            command,
            async () => await mediator.Send(command, cancellationToken) is not null,
            () => ToCase(caseId, "Source added."),
            f => View("Form", f));
    }

    [HttpGet("{sourceId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int sourceId, CancellationToken cancellationToken) =>
        await mediator.Send(new EditSource.Query(caseId, sourceId), cancellationToken) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{sourceId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int sourceId, [FromForm] EditSource.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, SourceId = sourceId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Source saved."),
            f => View("Form", f));
    }
}
