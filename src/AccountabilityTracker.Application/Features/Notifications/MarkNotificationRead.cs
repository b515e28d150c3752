using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>Marks one of the signed-in user's notifications read; returns its case (null: not theirs or no such notification).</summary>
public static class MarkNotificationRead
{
    public sealed record Command(long Id) : IRequest<int?>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.Id && me.Contains(n.UserId), cancellationToken);
            if (notification is null)
            {
                return null;
            }

            notification.MarkRead(time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            return notification.CaseId;
        }
    }
}
