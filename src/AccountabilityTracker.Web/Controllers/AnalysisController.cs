using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Exports;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Analysts and administrators: outcome contrasts and officer burden, with the case list's filters, and their exports.</summary>
[Authorize(Policy = Policies.RunReports)]
public sealed class AnalysisController(IMediator mediator) : Controller
{
    [HttpGet("/analysis/contrasts")]
    public async Task<IActionResult> Contrasts([FromQuery] GetOutcomeContrasts.Query query, CancellationToken cancellationToken) =>
        View(await mediator.Send(query, cancellationToken));

    [HttpGet("/analysis/contrasts.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task ContrastsExport(string format, [FromQuery] GetOutcomeContrasts.Query query, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(query, cancellationToken);
        var table = AnalysisTables.Contrasts(report);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }

    [HttpGet("/analysis/burden")]
    public async Task<IActionResult> Burden([FromQuery] GetOfficerBurden.Query query, CancellationToken cancellationToken) =>
        View(await mediator.Send(query, cancellationToken));

    [HttpGet("/analysis/burden.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task BurdenExport(string format, [FromQuery] GetOfficerBurden.Query query, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(query, cancellationToken);
        var table = AnalysisTables.Burden(report);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }
}
