using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.OfficerEvents;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers record what happened to each officer of a case: arrested, charged, suspended, named…</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("cases/{caseId:int}/officer-events")]
public sealed class OfficerEventsController(IMediator mediator) : CaseFormController
{
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromQuery] int? officerId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseOutline.Query(caseId), cancellationToken) is null
            ? NotFound()
            : View("Form", new AddOfficerEvent.Command { CaseId = caseId, OfficerId = officerId });

    [HttpPost("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromForm] AddOfficerEvent.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId };
        int? eventId = null;
        return await SubmitAsync(
            command,
            async () => (eventId = await mediator.Send(command, cancellationToken)) is not null,
            () => ToCase(caseId, "Officer event added.", $"officer-event-{eventId}"),
            f => View("Form", f));
    }

    [HttpGet("{eventId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int eventId, CancellationToken cancellationToken) =>
        await mediator.Send(new EditOfficerEvent.Query(caseId, eventId), cancellationToken) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{eventId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int eventId, [FromForm] EditOfficerEvent.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, EventId = eventId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Officer event saved.", $"officer-event-{eventId}"),
            f => View("Form", f));
    }

    [HttpPost("{eventId:int}/remove")]
    public async Task<IActionResult> Remove([FromRoute] int caseId, [FromRoute] int eventId, [FromForm] RemoveOfficerEvent.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, EventId = eventId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Officer event removed.", "officers"),
            async _ => await mediator.Send(new EditOfficerEvent.Query(caseId, eventId), cancellationToken) is { } current ? View("Form", current) : NotFound());
    }
}
