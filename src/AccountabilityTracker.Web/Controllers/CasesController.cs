using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

[Authorize(Policy = Policies.ReadCases)]
public sealed class CasesController(IMediator mediator) : Controller
{
    [HttpGet("/")]
    [HttpGet("/cases")]
    public async Task<IActionResult> Index([FromQuery] ListCases.Query query, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(query, cancellationToken);
        return View(new CaseListViewModel(query, page));
    }

    [HttpGet("/cases/{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await mediator.Send(new GetCaseDetails.Query(id), cancellationToken);
        return details is null ? NotFound() : View(details);
    }
}
