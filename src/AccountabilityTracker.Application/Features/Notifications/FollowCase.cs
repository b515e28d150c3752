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
