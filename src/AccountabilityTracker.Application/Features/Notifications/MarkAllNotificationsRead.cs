using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>Marks every unread notification of the signed-in user read; returns how many.</summary>
public static class MarkAllNotificationsRead
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, int>
    {
        public Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var now = time.UtcNowDateTime();
            return db.Notifications.Where(n => me.Contains(n.UserId) && n.ReadAtUtc == null)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAtUtc, now), cancellationToken);
        }
    }
}
