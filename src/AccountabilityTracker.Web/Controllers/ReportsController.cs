using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Exports;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Analysts and administrators: the duration report, its charts, and exports of the figures and the rows.</summary>
[Authorize(Policy = Policies.RunReports)]
public sealed class ReportsController(IMediator mediator) : Controller
{
    [HttpGet("/reports/durations")]
    public async Task<IActionResult> Durations([FromQuery] GetDurationReport.Query query, CancellationToken cancellationToken)
    {
        try
        {
            return View(new DurationReportViewModel(query, await mediator.Send(query, cancellationToken)));
        }
        catch (RequestValidationException refused)
        {
            // A refused filter: the form keeps what was typed with the message beside the field, above the whole report.
            ModelState.AddRequestErrors(refused);
            return View(new DurationReportViewModel(query, await mediator.Send(new GetDurationReport.Query(), cancellationToken)) { IsRefused = true });
        }
    }

    /// <summary>The report's figures (one row per group, then the total) as CSV, Excel or JSON.</summary>
    [HttpGet("/reports/durations.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task DurationsExport(string format, [FromQuery] GetDurationReport.Query query, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(query, cancellationToken);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName("duration-report", report.Filters, report.GeneratedAtUtc, format), ReportTables.Groups(report), cancellationToken);
    }

    /// <summary>One row per stage, streamed from the database as CSV, Excel or JSON.</summary>
    [HttpGet("/reports/stages.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task StagesExport(string format, [FromQuery] ExportStageDurations.Query query, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(query, cancellationToken);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName("stage-durations", result.Filters, result.GeneratedAtUtc, format), ReportTables.Stages(result), cancellationToken);
    }

    /// <summary>Every column of every export: name, type, unit and meaning.</summary>
    [HttpGet("/reports/data-dictionary.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task DataDictionary(string format, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var table = ExportCatalogue.Dictionary(time.GetUtcNow().UtcDateTime);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }

    /// <summary>The Frictionless data package describing the CSV exports, so R, Python and Excel users load them with their types.</summary>
    [HttpGet("/reports/datapackage.json")]
    public IActionResult DataPackage() => File(ExportCatalogue.DataPackageBytes(), "application/json", "datapackage.json");
}

public sealed record DurationReportViewModel(GetDurationReport.Query Query, GetDurationReport.Report Report)
{
    /// <summary>True when a filter was refused: <see cref="Report"/> then covers every case, unfiltered.</summary>
    public bool IsRefused { get; init; }
}
