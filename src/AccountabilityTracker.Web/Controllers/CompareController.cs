using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Cases side by side, aligned at the incident; the selection lives in the query string (<c>/compare?ids=1&amp;ids=2</c>).</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class CompareController(IMediator mediator) : Controller
{
    [HttpGet("/compare")]
    public async Task<IActionResult> Index([FromQuery] CompareCases.Query query, CancellationToken cancellationToken) =>
        View(await mediator.Send(query, cancellationToken));

    [HttpGet("/compare.json")]
    public async Task<IActionResult> Data([FromQuery] CompareCases.Query query, CancellationToken cancellationToken) =>
        Json(await mediator.Send(query, cancellationToken), CaseTimelineController.JsonOptions);
}
