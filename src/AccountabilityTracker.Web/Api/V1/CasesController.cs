using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.OfficerEvents;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>
/// Cases: the list with the case list's filters and paging, one case with its stages, milestones and clocks, a
/// stage's clock; and, for Caseworkers and Administrators, create, edit and archive. The same requests as the pages.
/// Action names differ from the page controller's (Create, Edit, Archive) so that URL generation never confuses them.
/// </summary>
[ApiController]
[Route("api/v1/cases")]
[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.ReadCases)]
[ApiAntiforgery]
public sealed class CasesController(IMediator mediator) : ControllerBase
{
    /// <summary>Active cases, filtered and paged (page size at most 100), newest incident first unless sorted otherwise.</summary>
    [HttpGet("")]
    [ProducesResponseType<ApiPage<ApiCaseSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiPage<ApiCaseSummary>>> List([FromQuery] ListCases.Query query, CancellationToken cancellationToken) =>
        ApiCaseSummary.From(await mediator.Send(query, cancellationToken));

    /// <summary>One case with its officers, stages (each with its clock), milestones, sources and the whole-case clock.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<ApiCase>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiCase>> Get(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCaseDetails.Query(id), cancellationToken) is { } details ? ApiCase.From(details) : NotFound();

    /// <summary>One stage's clock: its limit, status, pauses and extensions.</summary>
    [HttpGet("{caseId:int}/stages/{stageId:int}/clock")]
    [ProducesResponseType<ApiStageClock>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiStageClock>> StageClock(int caseId, int stageId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetStageClock.Query(caseId, stageId), cancellationToken) is { } clock ? ApiStageClock.From(clock) : NotFound();

    /// <summary>Opens a case; it gets the next reference of its incident year. Answers 201 with its address.</summary>
    [HttpPost("")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
    [ProducesResponseType<ApiCaseCreated>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> OpenCase([FromBody] ApiCaseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var created = await mediator.Send(input.ToCommand(new CreateCase.Command()), cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, new ApiCaseCreated(created.Id, created.Reference, Url.Action(nameof(Get), new { id = created.Id })!));
    }

    /// <summary>
    /// Replaces a case's particulars. Send the version last read: if someone saved the case since, nothing is saved and the
    /// answer is a 409 saying what is stored now beside each differing field, with the current version.
    /// </summary>
    [HttpPut("{id:int}")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> ReviseCase([FromRoute] int id, [FromBody] ApiCaseEdit input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await mediator.Send(input.ToCommand(new EditCase.Command { Id = id, Version = input.Version }), cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>
    /// Archives a case (never deletes it): it leaves lists and reports; an administrator can restore it. Send the case's
    /// version last read; a stale one answers 409 with the case as stored now.
    /// </summary>
    [HttpPost("{id:int}/archive")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> ArchiveCase([FromRoute] int id, [FromBody] ApiVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await mediator.Send(new ArchiveCase.Command(id) { Version = input.Version ?? Guid.Empty }, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>
    /// Administrators: brings an archived case back into lists and reports (read it first: an administrator's GET shows an
    /// archived case and its version). A stale version answers 409.
    /// </summary>
    [HttpPost("{id:int}/restore")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.Administer)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> RestoreArchivedCase([FromRoute] int id, [FromBody] ApiVersionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await mediator.Send(new RestoreCase.Command(id) { Version = input.Version ?? Guid.Empty }, cancellationToken) ? NoContent() : NotFound();
    }

    /// <summary>
    /// Records an officer event or period on a case: <c>officerId</c> (from the case's <c>officers</c>), <c>kind</c>, <c>date</c>
    /// with <c>datePrecision</c>, for a suspension or restricted duties an optional <c>endDate</c>, and <c>notes</c>.
    /// Version: the case's, as last read; a stale one answers 409 with the case as stored now.
    /// </summary>
    [HttpPost("{id:int}/officer-events")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
    [ProducesResponseType<ApiOfficerEventCreated>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> RecordOfficerEvent([FromRoute] int id, [FromBody] AddOfficerEvent.Command input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await mediator.Send(input with { CaseId = id }, cancellationToken) is { } eventId
            ? CreatedAtAction(nameof(Get), new { id }, new ApiOfficerEventCreated(eventId))
            : NotFound();
    }

    /// <summary>
    /// Sets where the case stands: Closed (note = reason, closedOn = day; the whole-case clock ends then), Awaiting (note =
    /// the next step, expectedOn optional) or Open. Send the version last read; a stale one answers 409.
    /// </summary>
    [HttpPut("{id:int}/status")]
    [Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> SetStatus([FromRoute] int id, [FromBody] SetCaseStatus.Command input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await mediator.Send(input with { Id = id }, cancellationToken) ? NoContent() : NotFound();
    }
}
