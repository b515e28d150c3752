using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Exports;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>
/// Analysts and administrators: the duration report as JSON, and the exports of its figures and of one row per stage,
/// streamed exactly as the report page streams them (same writers, file names and header rows). Action names differ
/// from the page controller's (Durations, DurationsExport, StagesExport) so that URL generation never confuses them.
/// </summary>
[ApiController]
[Route("api/v1")]
[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.RunReports)]
[ApiAntiforgery]
public sealed class ReportsController(IMediator mediator) : ControllerBase
{
    private const string CsvType = "text/csv";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string JsonType = "application/json";

    /// <summary>Duration figures per group (groupBy: StageKind, Force, IncidentYear, Category, Outcome), per incident year, and in total.</summary>
    [HttpGet("reports/durations")]
    [ProducesResponseType<ApiDurationReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiDurationReport>> DurationReport([FromQuery] GetDurationReport.Query query, CancellationToken cancellationToken) =>
        ApiDurationReport.From(await mediator.Send(query, cancellationToken));

    /// <summary>The report's figures (one row per group, then "All stages") as CSV, Excel or JSON.</summary>
    [HttpGet("exports/durations.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task ExportDurationFigures([FromRoute] string format, [FromQuery] GetDurationReport.Query query, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(query, cancellationToken);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName("duration-report", report.Filters, report.GeneratedAtUtc, format), ReportTables.Groups(report), cancellationToken);
    }

    /// <summary>Every column of every export: name, type, unit and meaning.</summary>
    [HttpGet("exports/data-dictionary.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task ExportDataDictionary([FromRoute] string format, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var table = ExportCatalogue.Dictionary(time.GetUtcNow().UtcDateTime);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }

    /// <summary>The Frictionless data package (datapackage.json) describing the CSV exports.</summary>
    [HttpGet("exports/datapackage.json")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, JsonType)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public IActionResult ExportDataPackage() => File(ExportCatalogue.DataPackageBytes(), JsonType, "datapackage.json");

    /// <summary>A limit scenario beside the rules in force (the case list's filters apply; page pages the breaching stages).</summary>
    [HttpGet("analysis/scenarios/{id:int}")]
    [ProducesResponseType<GetScenarioReport.Report>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<GetScenarioReport.Report>> ScenarioReport([FromRoute] int id, [FromQuery] GetScenarioReport.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var report = await mediator.Send(query with { ScenarioId = id }, cancellationToken);
        return report is null ? NotFound() : report;
    }

    /// <summary>A limit scenario's limits, groups or breaching stages as CSV, Excel or JSON.</summary>
    [HttpGet("exports/scenarios/{id:int}/{table:regex(^(limits|groups|stages)$)}.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ExportScenario([FromRoute] int id, [FromRoute] string table, [FromRoute] string format, [FromQuery] ExportScenarioBreaches.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = await mediator.Send(query with { ScenarioId = id }, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        var export = table switch
        {
            "limits" => AnalysisTables.Limits(result.Report),
            "groups" => AnalysisTables.Groups(result.Report),
            _ => AnalysisTables.Breaches(result),
        };
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(export.Name + "-" + id, result.Report.Filters, result.Report.GeneratedAtUtc, format), export, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Context figures (firearms operations, discharges, armed officers) per area and year beside the tracker's counts.</summary>
    [HttpGet("analysis/context")]
    [ProducesResponseType<GetContextReport.Report>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<GetContextReport.Report>> ContextReport(CancellationToken cancellationToken) =>
        await mediator.Send(new GetContextReport.Query(), cancellationToken);

    /// <summary>The context figures, one row per figure with its source and the tracker's counts, as CSV, Excel or JSON.</summary>
    [HttpGet("exports/context.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task ExportContext([FromRoute] string format, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new GetContextReport.Query(), cancellationToken);
        var table = AnalysisTables.Context(report);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }

    /// <summary>Outcome contrasts per group (groupBy: Category, Force, IncidentYear, IncidentType, Harm, Jurisdiction) with the case list's filters.</summary>
    [HttpGet("analysis/contrasts")]
    [ProducesResponseType<GetOutcomeContrasts.Report>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<GetOutcomeContrasts.Report>> OutcomeContrasts([FromQuery] GetOutcomeContrasts.Query query, CancellationToken cancellationToken) =>
        await mediator.Send(query, cancellationToken);

    /// <summary>Officer burden per officer record and its distribution, with the case list's filters; names masked as on the page.</summary>
    [HttpGet("analysis/burden")]
    [ProducesResponseType<GetOfficerBurden.Report>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<GetOfficerBurden.Report>> OfficerBurden([FromQuery] GetOfficerBurden.Query query, CancellationToken cancellationToken) =>
        await mediator.Send(query, cancellationToken);

    /// <summary>Outcome contrasts or officer burden as CSV, Excel or JSON.</summary>
    [HttpGet("exports/{report:regex(^(contrasts|burden)$)}.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task ExportAnalysis([FromRoute] string report, [FromRoute] string format, [FromQuery] GetOutcomeContrasts.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = report == "burden"
            ? AnalysisTables.Burden(await mediator.Send(new GetOfficerBurden.Query { Text = query.Text, Force = query.Force, YearFrom = query.YearFrom, YearTo = query.YearTo, IncidentType = query.IncidentType, Category = query.Category, StageKind = query.StageKind, Outcome = query.Outcome }, cancellationToken))
            : AnalysisTables.Contrasts(await mediator.Send(query, cancellationToken));
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }

    /// <summary>One row per stage of the filtered cases, streamed from the database as CSV, Excel or JSON.</summary>
    [HttpGet("exports/stages.{format:regex(^(csv|xlsx|json)$)}")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, CsvType, XlsxType, JsonType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task ExportStageRows([FromRoute] string format, [FromQuery] ExportStageDurations.Query query, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(query, cancellationToken);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName("stage-durations", result.Filters, result.GeneratedAtUtc, format), ReportTables.Stages(result), cancellationToken);
    }
}
