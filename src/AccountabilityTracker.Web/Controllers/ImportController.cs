using System.Text;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// Bulk import for caseworkers: upload a JSON or CSV file, read the dry run (every case and every problem with its row
/// and column), then confirm to write it in one transaction. Large files run in the background; the job page follows them.
/// </summary>
[Route("import")]
[Authorize(Policy = Policies.EditCases)]
public sealed class ImportController(IMediator mediator) : CaseFormController
{
    public const string TemplateFileName = "case-import-template.csv";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListImportJobs.Query(), cancellationToken));

    [HttpPost("")]
    [RequestSizeLimit(ImportLimits.MaxRequestBytes)]
    [UploadSizeGuard]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxRequestBytes)]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        var jobId = 0;
        return await SubmitAsync(
            file,
            async () =>
            {
                await using var content = file?.OpenReadStream();
                jobId = (await mediator.Send(new StartImport.Command(file?.FileName, file?.Length ?? 0, content), cancellationToken)).JobId;
                return true;
            },
            () => RedirectToAction(nameof(Show), new { id = jobId }),
            async _ => View(nameof(Index), await mediator.Send(new ListImportJobs.Query(), cancellationToken)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetImportJob.Query(id), cancellationToken) is { } job ? View(job) : NotFound();

    [HttpPost("{id:int}/confirm")]
    public async Task<IActionResult> Confirm(int id, CancellationToken cancellationToken)
    {
        return await SubmitAsync(
            id,
            async () => await mediator.Send(new ConfirmImport.Command(id), cancellationToken) is not null,
            () =>
            {
                TempData["Notice"] = "Import confirmed: the cases are being written. This page shows the result when it is done.";
                return RedirectToAction(nameof(Show), new { id });
            },
            _ =>
            {
                // Confirming is a button on the job page, which says why it was refused (e.g. the upload expired).
                TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
                return RedirectToAction(nameof(Show), new { id });
            });
    }

    /// <summary>The CSV template: the header row with every column and a worked example case (see docs/import.md).</summary>
    [HttpGet("template.csv")]
    public IActionResult Template() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CaseCsv.Template())).ToArray(), "text/csv; charset=utf-8", TemplateFileName);
}
