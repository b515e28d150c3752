using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Milestones;

public static class EditMilestone
{
    /// <summary>Loads the form of a milestone of an active case, or null.</summary>
    public sealed record Query(int CaseId, int MilestoneId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such milestone on an active case.</summary>
    public sealed record Command : MilestoneFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int MilestoneId { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time) => Include(new MilestoneFieldsRules(time));
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Milestones.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == request.MilestoneId && m.CaseId == request.CaseId && !m.Case.IsArchived, cancellationToken);
            return found is null
                ? null
                : WithSnapshot(new Command
                {
                    CaseId = found.CaseId,
                    MilestoneId = found.Id,
                    Version = found.Version,
                    Label = found.Label,
                    Type = found.Type,
                    Date = found.Date.ToIsoString(),
                    DatePrecision = found.Precision,
                    Notes = found.Notes,
                });
        }
    }

    internal static Command WithSnapshot(Command command) => command with { Opened = EditMerge.Snapshot<MilestoneFields>(command) };

    internal static Command ToCommand(Domain.Cases.Milestone found) => WithSnapshot(new Command
    {
        CaseId = found.CaseId,
        MilestoneId = found.Id,
        Version = found.Version,
        Label = found.Label,
        Type = found.Type,
        Date = found.Date.ToIsoString(),
        DatePrecision = found.Precision,
        Notes = found.Notes,
    });

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await db.Milestones.Include(m => m.Case)
                .SingleOrDefaultAsync(m => m.Id == request.MilestoneId && m.CaseId == request.CaseId && !m.Case.IsArchived, cancellationToken);
            if (found is null)
            {
                return false;
            }

            if (found.Version != request.Version)
            {
                request = EditMerge.Merge<MilestoneFields, Command>(request, ToCommand(found), "milestone", new Validator(time));
            }

            db.Entry(found).Property(m => m.Version).OriginalValue = request.Version;
            found.Edit(request.Label!, request.Parsed, request.Notes, request.Type ?? Domain.Cases.MilestoneType.Other, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
