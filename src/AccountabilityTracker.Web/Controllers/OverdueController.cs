using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

[Authorize(Policy = Policies.ReadCases)]
public sealed class OverdueController(IMediator mediator) : Controller
{
    [HttpGet("/overdue")]
    public async Task<IActionResult> Index([FromQuery] ListOverdue.Query query, CancellationToken cancellationToken) =>
        View(new OverdueViewModel(query, await mediator.Send(query, cancellationToken)));
}

public sealed record OverdueViewModel(ListOverdue.Query Query, ListOverdue.Result Result)
{
    public Dictionary<string, string?> RouteWith(int page) => new()
    {
        ["force"] = Query.Force,
        ["clock"] = Query.Clock,
        ["category"] = Query.Category?.ToString(),
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pageSize"] = Query.PageSize == ListOverdue.DefaultPageSize ? null : Query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
