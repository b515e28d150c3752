using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.OfficerEvents;

/// <summary>Removes an officer event recorded in error: it is hidden everywhere but kept, with its history (nothing is deleted).</summary>
public static class RemoveOfficerEvent
{
    /// <summary>Returns false when there is no such event (or it is already removed) on an active case.</summary>
    public sealed record Command : IRequest<bool>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int EventId { get; init; }

        /// <summary>The version the remover saw: a stale one is refused, so an edit made meanwhile is never removed unseen.</summary>
        public Guid Version { get; init; }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.OfficerEvents.Where(e => e.Id == request.EventId))
                .SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            var found = owner?.OfficerEvents.SingleOrDefault(e => e.Id == request.EventId && !e.IsRemoved);
            if (found is null)
            {
                return false;
            }

            if (found.Version != request.Version)
            {
                throw new EditConflictException(
                    new Dictionary<string, string[]> { [string.Empty] = ["Someone changed this officer event since you opened it: check it again before removing it."] },
                    found.Version);
            }

            db.Entry(found).Property(e => e.Version).OriginalValue = request.Version;
            found.Remove(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
