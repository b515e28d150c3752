using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>
/// Everything below a case that the pages can write: stages (add, edit, close), their clocks (pause, resume, extend),
/// milestones, officers and sources. Each action sends the very command its form sends, so the rules, the history and
/// its attribution (the token's owner) are the form's. Every body carries the version last read: stale, nothing is
/// saved and the answer is a 409 with the record as stored now. Action names differ from the page controllers'.
/// </summary>
[ApiController]
[Route("api/v1/cases/{caseId:int}")]
[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
[ApiAntiforgery]
[ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
[ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
[ProducesResponseType(StatusCodes.Status401Unauthorized)]
[ProducesResponseType(StatusCodes.Status403Forbidden)]
public sealed class CasePartsController(IMediator mediator) : ControllerBase
{
    /// <summary>Adds a stage to the case, with its source if given. Version: the case's. Answers 201 with the stage's id.</summary>
    [HttpPost("stages")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> AddStage([FromRoute] int caseId, [FromBody] ApiNewStage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new AddStage.Command
        {
            CaseId = caseId,
            Version = input.Version ?? Guid.Empty,
            SourceUrl = input.SourceUrl,
            SourcePublisher = input.SourcePublisher,
            SourcePublishedOn = input.SourcePublishedOn,
            SourceQuote = input.SourceQuote,
        });
        return CreatedIn(caseId, await mediator.Send(command, cancellationToken));
    }

    /// <summary>Replaces a stage's fields (as the stage form saves them). Version: the stage's; a stale one is a 409.</summary>
    [HttpPut("stages/{stageId:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ReviseStage([FromRoute] int caseId, [FromRoute] int stageId, [FromBody] ApiStageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new EditStage.Command { CaseId = caseId, StageId = stageId, Version = input.Version ?? Guid.Empty });
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>Closes a running stage with its end date and outcome. Version: the stage's.</summary>
    [HttpPost("stages/{stageId:int}/close")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> CloseRunningStage([FromRoute] int caseId, [FromRoute] int stageId, [FromBody] ApiCloseStageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = new CloseStage.Command
        {
            CaseId = caseId,
            StageId = stageId,
            Version = input.Version ?? Guid.Empty,
            EndDate = input.EndDate,
            EndPrecision = input.EndPrecision,
            Outcome = input.Outcome,
        };
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>Records a pause of the stage's clock (To left out while it goes on). Version: the stage's. Answers 201 with the pause's id.</summary>
    [HttpPost("stages/{stageId:int}/pauses")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> PauseClock([FromRoute] int caseId, [FromRoute] int stageId, [FromBody] ApiPauseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = new PauseStage.Command { CaseId = caseId, StageId = stageId, From = input.From, To = input.To, Reason = input.Reason, Version = input.Version ?? Guid.Empty };
        return CreatedIn(caseId, (await mediator.Send(command, cancellationToken))?.PauseId);
    }

    /// <summary>Ends the stage's open pause: its clock counts again from "on". Version: the stage's.</summary>
    [HttpPost("stages/{stageId:int}/resume")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ResumeClock([FromRoute] int caseId, [FromRoute] int stageId, [FromBody] ApiResumeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = new ResumeStage.Command { CaseId = caseId, StageId = stageId, On = input.On, Version = input.Version ?? Guid.Empty };
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>Records an extension: a new limit for the stage from the day it was granted. Version: the stage's. Answers 201 with its id.</summary>
    [HttpPost("stages/{stageId:int}/extensions")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> ExtendClock([FromRoute] int caseId, [FromRoute] int stageId, [FromBody] ApiExtensionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = new ExtendStage.Command
        {
            CaseId = caseId,
            StageId = stageId,
            GrantedOn = input.GrantedOn,
            NewAmount = input.NewAmount,
            NewUnit = input.NewUnit,
            Reason = input.Reason,
            Version = input.Version ?? Guid.Empty,
        };
        return CreatedIn(caseId, (await mediator.Send(command, cancellationToken))?.ExtensionId);
    }

    /// <summary>Adds a milestone to the case, with its source if given. Version: the case's. Answers 201 with its id.</summary>
    [HttpPost("milestones")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> AddMilestone([FromRoute] int caseId, [FromBody] ApiNewMilestone input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new AddMilestone.Command
        {
            CaseId = caseId,
            Version = input.Version ?? Guid.Empty,
            SourceUrl = input.SourceUrl,
            SourcePublisher = input.SourcePublisher,
            SourcePublishedOn = input.SourcePublishedOn,
            SourceQuote = input.SourceQuote,
        });
        return CreatedIn(caseId, await mediator.Send(command, cancellationToken));
    }

    /// <summary>Replaces a milestone's fields. Version: the milestone's.</summary>
    [HttpPut("milestones/{milestoneId:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ReviseMilestone([FromRoute] int caseId, [FromRoute] int milestoneId, [FromBody] ApiMilestoneInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new EditMilestone.Command { CaseId = caseId, MilestoneId = milestoneId, Version = input.Version ?? Guid.Empty });
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>Records an officer on the case by cipher and/or name. Version: the case's. Answers 201 with the officer's id.</summary>
    [HttpPost("officers")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> AddOfficer([FromRoute] int caseId, [FromBody] ApiOfficerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new AddOfficer.Command { CaseId = caseId, Version = input.Version ?? Guid.Empty });
        return CreatedIn(caseId, await mediator.Send(command, cancellationToken));
    }

    /// <summary>Replaces an officer's fields. Version: the officer's.</summary>
    [HttpPut("officers/{officerId:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ReviseOfficer([FromRoute] int caseId, [FromRoute] int officerId, [FromBody] ApiOfficerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new EditOfficer.Command { CaseId = caseId, OfficerId = officerId, Version = input.Version ?? Guid.Empty });
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>Adds a source to the case as a whole, or (attachTo) to one of its stages or milestones. Version: the case's. Answers 201 with its id.</summary>
    [HttpPost("sources")]
    [ProducesResponseType<ApiPartCreated>(StatusCodes.Status201Created)]
    public async Task<IActionResult> AddSource([FromRoute] int caseId, [FromBody] ApiSourceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new AddSource.Command { CaseId = caseId, Version = input.Version ?? Guid.Empty });
        return CreatedIn(caseId, await mediator.Send(command, cancellationToken));
    }

    /// <summary>Replaces a source's details and what it is attached to. Version: the source's.</summary>
    [HttpPut("sources/{sourceId:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ReviseSource([FromRoute] int caseId, [FromRoute] int sourceId, [FromBody] ApiSourceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var command = input.ToCommand(new EditSource.Command { CaseId = caseId, SourceId = sourceId, Version = input.Version ?? Guid.Empty });
        return await mediator.Send(command, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>201 with the new record's id and the address of the case it is read in; 404 when there was no such active case or stage.</summary>
    private IActionResult CreatedIn(int caseId, int? id)
    {
        if (id is not { } created)
        {
            return NotFound();
        }

        var url = Url.Action(nameof(CasesController.Get), "Cases", new { id = caseId })!;
        return Created(url, new ApiPartCreated(created, url));
    }
}
