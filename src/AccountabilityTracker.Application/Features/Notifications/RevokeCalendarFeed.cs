using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>Revokes the signed-in user's calendar feed URL: it answers 404 from now on. False when there was none.</summary>
public static class RevokeCalendarFeed
{
    public sealed record Command : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var active = await db.CalendarFeedTokens.Where(t => me.Contains(t.UserId) && t.RevokedAtUtc == null).ToListAsync(cancellationToken);
            foreach (var token in active)
            {
                token.Revoke(time.UtcNowDateTime());
            }

            await db.SaveChangesAsync(cancellationToken);
            return active.Count > 0;
        }
    }
}
