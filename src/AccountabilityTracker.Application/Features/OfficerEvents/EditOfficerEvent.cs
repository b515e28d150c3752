using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.OfficerEvents;

public static class EditOfficerEvent
{
    /// <summary>Loads the form of an officer event of an active case (not removed), or null.</summary>
    public sealed record Query(int CaseId, int EventId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such event on an active case.</summary>
    public sealed record Command : OfficerEventFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int EventId { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time) => Include(new OfficerEventFieldsRules(time));
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.OfficerEvents.AsNoTracking()
                .SingleOrDefaultAsync(e => e.Id == request.EventId && e.CaseId == request.CaseId && !e.IsRemoved && !e.Case.IsArchived, cancellationToken);
            return found is null ? null : ToCommand(found);
        }
    }

    internal static Command ToCommand(OfficerEvent found)
    {
        var command = new Command
        {
            CaseId = found.CaseId,
            EventId = found.Id,
            Version = found.Version,
            OfficerId = found.OfficerId,
            Kind = found.Kind,
            Date = found.Date.ToIsoString(),
            DatePrecision = found.Precision,
            Ended = found.Ending.HasEnded,
            EndDate = found.End?.ToIsoString(),
            EndPrecision = found.EndPrecision ?? Domain.Dates.DatePrecision.Day,
            Notes = found.Notes,
        };
        return command with { Opened = EditMerge.Snapshot<OfficerEventFields>(command) };
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Officers).Include(c => c.OfficerEvents.Where(e => e.Id == request.EventId))
                .SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            var found = owner?.OfficerEvents.SingleOrDefault(e => e.Id == request.EventId && !e.IsRemoved);
            if (owner is null || found is null)
            {
                return false;
            }

            if (found.Version != request.Version)
            {
                request = EditMerge.Merge<OfficerEventFields, Command>(request, ToCommand(found), "officer event", new Validator(time));
            }

            db.Entry(found).Property(e => e.Version).OriginalValue = request.Version;
            var officer = request.RequireOfficerOf(owner);
            found.Edit(officer, request.Kind!.Value, request.Parsed, request.ParsedEnd, request.Notes, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
