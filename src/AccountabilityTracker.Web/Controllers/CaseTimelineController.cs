using System.Text.Json;
using System.Text.Json.Serialization;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>The data behind a case page's interactive timeline, fetched by wwwroot/js/timeline.js (no inline data).</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class CaseTimelineController(IMediator mediator) : Controller
{
    /// <summary>camelCase names, enums as their names, dates as yyyy-MM-dd: what timeline.js reads.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [HttpGet("/cases/{id:int}/timeline.json")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var timeline = await mediator.Send(new GetCaseTimeline.Query(id), cancellationToken);
        return timeline is null ? NotFound() : Json(timeline, JsonOptions);
    }
}
