using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers record the officers of a case by cipher (the real name is restricted and optional).</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("cases/{caseId:int}/officers")]
public sealed class OfficersController(IMediator mediator) : CaseFormController
{
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseOutline.Query(caseId), cancellationToken) is null
            ? NotFound()
            : View("Form", new AddOfficer.Command { CaseId = caseId });

    [HttpPost("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromForm] AddOfficer.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId };
        return await SubmitAsync(
            command,
            async () => await mediator.Send(command, cancellationToken) is not null,
            () => ToCase(caseId, "Officer added.", "officers"),
            f => View("Form", f));
    }

    [HttpGet("{officerId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int officerId, CancellationToken cancellationToken) =>
        await mediator.Send(new EditOfficer.Query(caseId, officerId), cancellationToken) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{officerId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int officerId, [FromForm] EditOfficer.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, OfficerId = officerId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Officer saved.", "officers"),
            f => View("Form", f));
    }
}
