using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountabilityTracker.Application.Features.Backups;

/// <summary>Where the administrator's backup action writes its files (the web app sets App:DataFolder/backups).</summary>
public sealed class BackupOptions
{
    public string? Folder { get; set; }
}

/// <summary>
/// A consistent online copy of a SQLite database with <c>VACUUM INTO</c>: it reads one snapshot, so writes that commit
/// while it runs are simply not in the copy, and it does not stop the app serving reads and writes (WAL mode). Server
/// databases (PostgreSQL, SQL Server) are backed up with the server's own tools (docs/operations.md).
/// </summary>
public static class CreateBackup
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <param name="Target">The file to write, as a full path; null: a new time-stamped file in the backup folder.</param>
    public sealed record Command(string? Target = null) : IRequest<Result>;

    /// <param name="Path">The file written; null when the provider is backed up by other means.</param>
    public sealed record Result(string? Path, long SizeBytes, string Message);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Target)
                .Must(target => target is null || System.IO.Path.IsPathFullyQualified(target))
                .WithMessage("Give the backup file as a full path, for example /var/backups/tracker-2026-11-29.db.")
                .Must(target => target is null || !File.Exists(target))
                .WithMessage("That file exists already: a backup never overwrites a file, so choose a new name.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, IOptions<BackupOptions> options, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (db.Database.ProviderName != SqliteProvider)
            {
                return new Result(null, 0,
                    "This tracker runs on a database server: back it up with the server's own tools (pg_dump, or SQL Server's backups), as docs/operations.md describes.");
            }

            var now = time.GetUtcNow();
            var target = request.Target ?? System.IO.Path.Combine(
                options.Value.Folder ?? throw new InvalidOperationException("No backup folder is configured."),
                $"tracker-{now:yyyyMMdd-HHmmss-fff}.db");
            if (File.Exists(target))
            {
                throw new RequestValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [nameof(Command.Target)] = ["A backup with this name exists already; try again in a moment."],
                });
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}", cancellationToken);
            var size = new FileInfo(target).Length;

            db.Record(time, SecurityEventType.DatabaseBackedUp, System.IO.Path.GetFileName(target), currentUser.Name, details: $"{size} bytes written to {target}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(target, size, $"Backup written: {System.IO.Path.GetFileName(target)} ({size / 1024} KB).");
        }
    }
}
