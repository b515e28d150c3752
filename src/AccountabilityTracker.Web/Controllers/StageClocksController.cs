using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>A stage's clock: its limit, pauses and extensions; caseworkers record pauses, resumptions and extensions.</summary>
[Route("cases/{caseId:int}/stages/{stageId:int}")]
public sealed class StageClocksController(IMediator mediator) : CaseFormController
{
    [Authorize(Policy = Policies.ReadCases)]
    [HttpGet("clock")]
    public async Task<IActionResult> Show([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken)
    {
        var clock = await mediator.Send(new GetStageClock.Query(caseId, stageId), cancellationToken);
        return clock is null ? NotFound() : View(new StageClockPage<ResumeForm>(clock, new ResumeForm()));
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("resume")]
    public async Task<IActionResult> Resume([FromRoute] int caseId, [FromRoute] int stageId, [Bind(Prefix = "Form")] ResumeForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await SubmitAsync(
            form,
            () => mediator.Send(new ResumeStage.Command { CaseId = caseId, StageId = stageId, On = form.On }, cancellationToken),
            () => RedirectToAction(nameof(Show), new { caseId, stageId }),
            f => ShowFormAsync(nameof(Show), caseId, stageId, f, cancellationToken),
            errorPrefix: "Form");
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpGet("pauses/new")]
    public Task<IActionResult> Pause([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken) =>
        ShowFormAsync(nameof(Pause), caseId, stageId, new PauseForm(), cancellationToken);

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("pauses/new")]
    public async Task<IActionResult> Pause([FromRoute] int caseId, [FromRoute] int stageId, [Bind(Prefix = "Form")] PauseForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = new PauseStage.Command { CaseId = caseId, StageId = stageId, From = form.From, To = form.To, Reason = form.Reason };
        return await SubmitAsync(
            form,
            async () => await mediator.Send(command, cancellationToken) is not null,
            () => RedirectToAction(nameof(Show), new { caseId, stageId }),
            f => ShowFormAsync(nameof(Pause), caseId, stageId, f, cancellationToken),
            errorPrefix: "Form");
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpGet("extensions/new")]
    public Task<IActionResult> Extend([FromRoute] int caseId, [FromRoute] int stageId, CancellationToken cancellationToken) =>
        ShowFormAsync(nameof(Extend), caseId, stageId, new ExtensionForm(), cancellationToken);

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("extensions/new")]
    public async Task<IActionResult> Extend([FromRoute] int caseId, [FromRoute] int stageId, [Bind(Prefix = "Form")] ExtensionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = new ExtendStage.Command
        {
            CaseId = caseId,
            StageId = stageId,
            GrantedOn = form.GrantedOn,
            NewAmount = form.NewAmount ?? 0,
            NewUnit = form.NewUnit,
            Reason = form.Reason,
        };
        return await SubmitAsync(
            form,
            async () => await mediator.Send(command, cancellationToken) is not null,
            () => RedirectToAction(nameof(Show), new { caseId, stageId }),
            f => ShowFormAsync(nameof(Extend), caseId, stageId, f, cancellationToken),
            errorPrefix: "Form");
    }

    private async Task<IActionResult> ShowFormAsync<TForm>(string view, int caseId, int stageId, TForm form, CancellationToken cancellationToken)
    {
        var clock = await mediator.Send(new GetStageClock.Query(caseId, stageId), cancellationToken);
        return clock is not { CanEdit: true } ? NotFound() : View(view, new StageClockPage<TForm>(clock, form));
    }
}

public sealed record StageClockPage<TForm>(GetStageClock.Result Clock, TForm Form);

public sealed class PauseForm
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Reason { get; set; }
}

public sealed class ResumeForm
{
    public DateOnly? On { get; set; }
}

public sealed class ExtensionForm
{
    public DateOnly? GrantedOn { get; set; }

    public int? NewAmount { get; set; }

    public LimitUnit? NewUnit { get; set; }

    public string? Reason { get; set; }
}
