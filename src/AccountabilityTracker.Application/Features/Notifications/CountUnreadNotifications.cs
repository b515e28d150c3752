using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The bell: how many of the signed-in user's notifications are unread. One indexed count, no other query.</summary>
public static class CountUnreadNotifications
{
    public sealed record Query : IRequest<int>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, int>
    {
        public Task<int> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            return db.Notifications.CountAsync(n => me.Contains(n.UserId) && n.ReadAtUtc == null, cancellationToken);
        }
    }
}
