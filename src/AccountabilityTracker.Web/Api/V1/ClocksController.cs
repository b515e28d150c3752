using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>Clock status across cases: the running stages (and cases) overdue or approaching their limit.</summary>
[ApiController]
[Route("api/v1/clocks")]
[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.ReadCases)]
[ApiAntiforgery]
public sealed class ClocksController(IMediator mediator) : ControllerBase
{
    /// <summary>Overdue and approaching clocks, furthest over first; filter by force, clock (a stage kind or WholeCase) and category.</summary>
    [HttpGet("overdue")]
    [ProducesResponseType<ApiOverdue>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiOverdue>> Overdue([FromQuery] ListOverdue.Query query, CancellationToken cancellationToken) =>
        ApiOverdue.From(await mediator.Send(query, cancellationToken));
}
