using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Sources;

public static class EditSource
{
    /// <summary>Loads the form of a source of an active case, or null.</summary>
    public sealed record Query(int CaseId, int SourceId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such source on an active case.</summary>
    public sealed record Command : ISourceFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int SourceId { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }

        /// <summary>"stage-12", "milestone-5", or empty for the case as a whole.</summary>
        public string? AttachTo { get; init; }

        public string? SourceUrl { get; init; }

        public string? SourcePublisher { get; init; }

        public string? SourcePublishedOn { get; init; }

        public string? SourceQuote { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new SourceFieldsRules(time, required: true));
            RuleFor(c => c.AttachTo).Must(t => SourceInput.TryParseTarget(t, out _, out _)).WithMessage("Choose what the source is for from the list.");
        }
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Sources.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == request.SourceId && s.CaseId == request.CaseId && !s.Case.IsArchived, cancellationToken);
            return found is null ? null : ToCommand(found);
        }
    }

    /// <summary>The source's form; what it is attached to is compared as a field too.</summary>
    internal static Command ToCommand(Domain.Cases.Source found)
    {
        var command = new Command
        {
            CaseId = found.CaseId,
            SourceId = found.Id,
            Version = found.Version,
            AttachTo = found.StageId is { } stageId ? SourceInput.StageTarget(stageId) : found.MilestoneId is { } milestoneId ? SourceInput.MilestoneTarget(milestoneId) : null,
            SourceUrl = found.Url,
            SourcePublisher = found.Publisher,
            SourcePublishedOn = found.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SourceQuote = found.Quote,
        };
        return command with { Opened = EditMerge.Snapshot<Command>(command) };
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Stages).Include(c => c.Milestones).Include(c => c.Sources).AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            var source = owner?.Sources.SingleOrDefault(s => s.Id == request.SourceId);
            if (owner is null || source is null)
            {
                return false;
            }

            if (source.Version != request.Version)
            {
                request = EditMerge.Merge<Command, Command>(request, ToCommand(source), "source", new Validator(time));
            }

            db.Entry(source).Property(s => s.Version).OriginalValue = request.Version;
            var (stage, milestone) = AddSource.Target(owner, request.AttachTo);
            owner.EditSource(source, SourceInput.Details(request)!, time.GetUtcNow().UtcDateTime, stage, milestone);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
