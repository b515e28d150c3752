using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>Issues a new secret calendar feed URL for the signed-in user, revoking any earlier one. The token is in the result only.</summary>
public static class RenewCalendarFeed
{
    public sealed record Command : IRequest<string>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            var userId = await SignedInUser.IdOf(db, currentUser).SingleAsync(cancellationToken);
            var now = time.UtcNowDateTime();
            foreach (var old in await db.CalendarFeedTokens.Where(t => t.UserId == userId && t.RevokedAtUtc == null).ToListAsync(cancellationToken))
            {
                old.Revoke(now);
            }

            var (token, text) = CalendarFeedToken.Issue(userId, now);
            db.CalendarFeedTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            return text;
        }
    }
}
