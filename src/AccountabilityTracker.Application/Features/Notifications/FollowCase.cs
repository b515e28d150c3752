using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The signed-in user follows a case (again, after stopping). False when there is no such case or it is archived (writes refuse archived cases).</summary>
public static class FollowCase
{
    public sealed record Command(int CaseId) : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!await db.Cases.AnyAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken))
            {
                return false;
            }

            var userId = await SignedInUser.IdOf(db, currentUser).SingleAsync(cancellationToken);
            await Follows.StartAsync(db, userId, request.CaseId, time.UtcNowDateTime(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
