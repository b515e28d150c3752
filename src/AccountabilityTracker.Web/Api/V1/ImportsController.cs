using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Web.Infrastructure.Api;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Api.V1;

/// <summary>
/// Bulk import: upload a file (multipart field <c>file</c>, .json or .csv, at most 20 MB) to start a dry run; read the
/// job until it is ReadyToImport (or Invalid, with every error's row and column); confirm it to write it in one transaction.
/// </summary>
[ApiController]
[Route("api/v1/imports")]
[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = Policies.EditCases)]
[ApiAntiforgery]
public sealed class ImportsController(IMediator mediator) : ControllerBase
{
    /// <summary>Uploads a file and starts its dry run. Answers 202 with the job; nothing is imported yet.</summary>
    [HttpPost("")]
    [RequestSizeLimit(ImportLimits.MaxRequestBytes)]
    [UploadSizeGuard]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxRequestBytes)]
    [ProducesResponseType<ApiImportAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Start(IFormFile? file, CancellationToken cancellationToken)
    {
        await using var content = file?.OpenReadStream();
        var started = await mediator.Send(new StartImport.Command(file?.FileName, file?.Length ?? 0, content), cancellationToken);
        return AcceptedJob(started.JobId, ImportJobStatus.Queued);
    }

    /// <summary>An import job: status, progress while it runs, and its report.</summary>
    [HttpGet("{id:int}")]
    [ProducesResponseType<ApiImportJob>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult<ApiImportJob>> Get(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetImportJob.Query(id), cancellationToken) is { } job ? ApiImportJob.From(job) : NotFound();

    /// <summary>Confirms a job whose dry run found no errors: it is written in one transaction. Answers 202; read the job for the result.</summary>
    [HttpPost("{id:int}/commit")]
    [ProducesResponseType<ApiImportAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Commit(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new ConfirmImport.Command(id), cancellationToken) is { } confirmed ? AcceptedJob(confirmed.JobId, confirmed.Status) : NotFound();

    private AcceptedAtActionResult AcceptedJob(int id, ImportJobStatus status) =>
        AcceptedAtAction(nameof(Get), new { id }, new ApiImportAccepted(id, status, Url.Action(nameof(Get), new { id })!));
}
