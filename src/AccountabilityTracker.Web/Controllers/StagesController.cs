using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Caseworkers add, edit and close the stages of a case.</summary>
[Authorize(Policy = Policies.EditCases)]
[Route("cases/{caseId:int}/stages")]
public sealed class StagesController(IMediator mediator) : CaseFormController
{
    [HttpGet("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseOutline.Query(caseId), cancellationToken) is null
            ? NotFound()
            : View("Form", new AddStage.Command { CaseId = caseId });

    [HttpPost("new")]
    public async Task<IActionResult> Create([FromRoute] int caseId, [FromForm] AddStage.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId };
        int? stageId = null;
        return await SubmitAsync(
            command,
            async () => (stageId = await mediator.Send(command, cancellationToken)) is not null,
            () => ToCase(caseId, "Stage added.", $"stage-{stageId}"),
            f => View("Form", f));
    }

    [HttpGet("{stageId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken) =>
        await mediator.Send(new EditStage.Query(caseId, stageId), cancellationToken) is { } form ? View("Form", form) : NotFound();

    [HttpPost("{stageId:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int caseId, [FromRoute] int stageId, [FromForm] EditStage.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, StageId = stageId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Stage saved.", $"stage-{stageId}"),
            f => View("Form", f),
            (f, version) => f with { Version = version });
    }

    [HttpGet("{stageId:int}/close")]
    public async Task<IActionResult> Close([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken) =>
        await mediator.Send(new CloseStage.Query(caseId, stageId), cancellationToken) is { } form ? View(form) : NotFound();

    [HttpPost("{stageId:int}/close")]
    public async Task<IActionResult> Close([FromRoute] int caseId, [FromRoute] int stageId, [FromForm] CloseStage.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, StageId = stageId };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(caseId, "Stage closed.", $"stage-{stageId}"),
            f => View(f),
            (f, version) => f with { Version = version });
    }

    [HttpGet("{stageId:int}/hearing")]
    public async Task<IActionResult> Hearing([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken) =>
        await mediator.Send(new RecordHearing.Query(caseId, stageId), cancellationToken) is { } form ? View(form) : NotFound();

    [HttpPost("{stageId:int}/hearing")]
    public async Task<IActionResult> Hearing([FromRoute] int caseId, [FromRoute] int stageId, [FromForm] RecordHearing.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { CaseId = caseId, StageId = stageId };
        int? milestoneId = null;
        return await SubmitAsync(
            command,
            async () => (milestoneId = await mediator.Send(command, cancellationToken)) is not null,
            () => ToCase(caseId, command.StageEnded ? "Hearing recorded and stage closed." : "Hearing recorded.", $"milestone-{milestoneId}"),
            f => View(f),
            (f, version) => f with { Version = version });
    }
}
