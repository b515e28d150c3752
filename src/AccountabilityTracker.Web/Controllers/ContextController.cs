using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Exports;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Analysts and administrators: published context figures beside the tracker's counts, their import and export.</summary>
[Authorize(Policy = Policies.RunReports)]
[Route("analysis/context")]
public sealed class ContextController(IMediator mediator) : CaseFormController
{
    private const int MaxUploadBytes = 2 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetContextReport.Query(), cancellationToken));

    /// <summary>Adds or replaces figures from a CSV or JSON file; a refused file is named beside the file field and saves nothing.</summary>
    [HttpPost("")]
    [RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        ImportContextFigures.Result? result = null;
        return await SubmitAsync(
            file,
            async () =>
            {
                using var copy = new MemoryStream();
                if (file is not null && file.Length <= MaxUploadBytes)
                {
                    await file.CopyToAsync(copy, cancellationToken);
                }

                result = await mediator.Send(new ImportContextFigures.Command(file?.FileName, file is { Length: > MaxUploadBytes } ? new byte[MaxUploadBytes + 1] : copy.ToArray()), cancellationToken);
                return true;
            },
            () =>
            {
                TempData["Status"] = $"Context figures: {result!.Added} added, {result.Replaced} replaced, {result.Unchanged} unchanged.";
                return RedirectToAction(nameof(Index));
            },
            async _ => View(nameof(Index), await mediator.Send(new GetContextReport.Query(), cancellationToken)));
    }

    [HttpGet("/analysis/context.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task Export(string format, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new GetContextReport.Query(), cancellationToken);
        var table = AnalysisTables.Context(report);
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(table.Name, table.Filters, table.GeneratedAtUtc, format), table, cancellationToken);
    }
}
