using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>Whether the signed-in user follows a case: the case page's Follow / Stop following button.</summary>
public static class GetFollowState
{
    public sealed record Query(int CaseId) : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, bool>
    {
        public Task<bool> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            return db.CaseFollows.AnyAsync(f => f.CaseId == request.CaseId && f.StoppedAtUtc == null && me.Contains(f.UserId), cancellationToken);
        }
    }
}
