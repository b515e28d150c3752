using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

[Authorize(Policy = Policies.ReadCases)]
public sealed class OverdueController(IMediator mediator) : Controller
{
    [HttpGet("/overdue")]
    public async Task<IActionResult> Index([FromQuery] ListOverdue.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Paging.Correction(query.Page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        try
        {
            var result = await mediator.Send(query, cancellationToken);
            return Paging.Correction(result.Page.Page, result.Page.PageCount) is { } last
                ? Redirect(Paging.WithPage(Request, last))
                : View(new OverdueViewModel(query, result));
        }
        catch (RequestValidationException refused)
        {
            ModelState.AddRequestErrors(refused);
            return View(new OverdueViewModel(query, await mediator.Send(new ListOverdue.Query(), cancellationToken)) { IsRefused = true });
        }
    }
}

public sealed record OverdueViewModel(ListOverdue.Query Query, ListOverdue.Result Result)
{
    /// <summary>True when a filter was refused: <see cref="Result"/> then holds every clock, unfiltered.</summary>
    public bool IsRefused { get; init; }

    public Dictionary<string, string?> RouteWith(int page) => new()
    {
        ["force"] = Query.Force,
        ["clock"] = Query.Clock,
        ["category"] = Query.Category?.ToString(),
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pageSize"] = Query.PageSize == ListOverdue.DefaultPageSize ? null : Query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
