using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// Receives an uploaded file (JSON or CSV, at most 20 MB), stores it with a new import job and queues the dry run.
/// Nothing is imported until the user has seen the dry run and confirms it (<see cref="ConfirmImport"/>).
/// </summary>
public static class StartImport
{
    public sealed record Command(string? FileName, long Length, Stream? Content) : IRequest<Result>;

    public sealed record Result(int JobId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().OverridePropertyName("File").WithMessage("Choose a file to import.");
            RuleFor(c => c.FileName).Must(n => CaseFileReader.FormatFromFileName(n) is not null).When(c => !string.IsNullOrEmpty(c.FileName))
                .OverridePropertyName("File").WithMessage("Upload a .json file (the reference-cases format) or a .csv file (the import template).");
            RuleFor(c => c.Length).GreaterThan(0).When(c => !string.IsNullOrEmpty(c.FileName))
                .OverridePropertyName("File").WithMessage("The file is empty.");
            RuleFor(c => c.Length).LessThanOrEqualTo(ImportLimits.MaxFileBytes)
                .OverridePropertyName("File").WithMessage(c => TooLarge(c.Length));
        }
    }

    public static string TooLarge(long length) =>
        $"The file is {ImportLimits.Describe(length)}; imports are limited to {ImportLimits.Describe(ImportLimits.MaxFileBytes)}. Split it into smaller files and import them one after another.";

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, ICurrentUser currentUser, IImportJobScheduler scheduler, IMediator mediator, ImportRetention retention)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var content = await ReadAtMostAsync(request.Content ?? Stream.Null, ImportLimits.MaxFileBytes, cancellationToken);
            if (content is null)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["File"] = [TooLarge(ImportLimits.MaxFileBytes + 1)] });
            }

            if (content.Length == 0)
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["File"] = ["The file is empty."] });
            }

            await mediator.Send(new ExpireImportUploads.Command(), cancellationToken);
            var waiting = await db.ImportJobContents.Where(c => c.Job.RequestedBy == currentUser.Name).Select(c => c.Job.SizeBytes).ToListAsync(cancellationToken);
            if (waiting.Count >= retention.MaxWaitingUploadsPerUser || waiting.Sum() + content.Length > retention.MaxWaitingBytesPerUser)
            {
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["File"] = [$"You have {waiting.Count} uploaded file(s) waiting ({ImportLimits.Describe(waiting.Sum())}): import them, or let them lapse after {retention.KeepUnconfirmedDays} days, before uploading more (at most {retention.MaxWaitingUploadsPerUser} files or {ImportLimits.Describe(retention.MaxWaitingBytesPerUser)})."],
                });
            }

            var name = Path.GetFileName(request.FileName!);
            if (name.Length > ImportLimits.FileName)
            {
                name = name[^ImportLimits.FileName..];
            }

            var job = new ImportJob(name, CaseFileReader.FormatFromFileName(name)!.Value, content.Length, currentUser.Name, time.UtcNowDateTime());
            db.ImportJobs.Add(job);
            db.ImportJobContents.Add(new ImportJobContent(job, content));
            await db.SaveChangesAsync(cancellationToken);
            db.Record(time, SecurityEventType.ImportUploaded, $"import job {job.Id}", currentUser.Name, details: $"{name}, {ImportLimits.Describe(content.Length)}");
            await db.SaveChangesAsync(cancellationToken);
            scheduler.Schedule(job.Id);
            return new Result(job.Id);
        }

        /// <summary>The stream's bytes, or null when it holds more than <paramref name="limit"/> (whatever the declared length said).</summary>
        private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
