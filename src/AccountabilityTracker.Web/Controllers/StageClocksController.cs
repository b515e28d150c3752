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
public sealed class StageClocksController(IMediator mediator) : Controller
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
        try
        {
            var found = await mediator.Send(new ResumeStage.Command { CaseId = caseId, StageId = stageId, On = form.On }, cancellationToken);
            return found ? RedirectToAction(nameof(Show), new { caseId, stageId }) : NotFound();
        }
        catch (RequestValidationException invalid)
        {
            return await RedisplayAsync(nameof(Show), caseId, stageId, form, invalid, cancellationToken);
        }
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
        try
        {
            var command = new PauseStage.Command { CaseId = caseId, StageId = stageId, From = form.From, To = form.To, Reason = form.Reason };
            var result = await mediator.Send(command, cancellationToken);
            return result is null ? NotFound() : RedirectToAction(nameof(Show), new { caseId, stageId });
        }
        catch (RequestValidationException invalid)
        {
            return await RedisplayAsync(nameof(Pause), caseId, stageId, form, invalid, cancellationToken);
        }
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
        try
        {
            var command = new ExtendStage.Command
            {
                CaseId = caseId,
                StageId = stageId,
                GrantedOn = form.GrantedOn,
                NewAmount = form.NewAmount ?? 0,
                NewUnit = form.NewUnit,
                Reason = form.Reason,
            };
            var result = await mediator.Send(command, cancellationToken);
            return result is null ? NotFound() : RedirectToAction(nameof(Show), new { caseId, stageId });
        }
        catch (RequestValidationException invalid)
        {
            return await RedisplayAsync(nameof(Extend), caseId, stageId, form, invalid, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowFormAsync<TForm>(string view, int caseId, int stageId, TForm form, CancellationToken cancellationToken)
    {
        var clock = await mediator.Send(new GetStageClock.Query(caseId, stageId), cancellationToken);
        return clock is not { CanEdit: true } ? NotFound() : View(view, new StageClockPage<TForm>(clock, form));
    }

    private async Task<IActionResult> RedisplayAsync<TForm>(string view, int caseId, int stageId, TForm form, RequestValidationException invalid, CancellationToken cancellationToken)
    {
        ModelState.AddRequestErrors(invalid, prefix: "Form");
        var page = await ShowFormAsync(view, caseId, stageId, form, cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
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
