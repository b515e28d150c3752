using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The signed-in user stops following a case; the row stays, marked stopped. False when they did not follow it or it is archived.</summary>
public static class UnfollowCase
{
    public sealed record Command(int CaseId) : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var follow = await db.CaseFollows.SingleOrDefaultAsync(f => f.CaseId == request.CaseId && me.Contains(f.UserId) && f.StoppedAtUtc == null && !db.Cases.Any(c => c.Id == f.CaseId && c.IsArchived), cancellationToken);
            if (follow is null)
            {
                return false;
            }

            follow.Stop(time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
