using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>
/// Cases: the list with the case list's filters and paging, one case with its stages, milestones and clocks, and a
/// stage's clock. The same requests as the pages. (Create, update and archive join here once those commands exist.)
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
}
