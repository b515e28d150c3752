using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The signed-in user's notifications, newest first, a page at a time; each links to its case.</summary>
public static class ListNotifications
{
    public const int PageSize = 50;

    public sealed record Query(int Page = 1) : IRequest<Result>;

    public sealed record Item(long Id, int CaseId, NotificationKind Kind, string Text, DateTime CreatedAtUtc, bool IsRead);

    public sealed record Result(PagedResult<Item> Page, int Unread);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var page = Math.Max(1, request.Page);
            var me = SignedInUser.IdOf(db, currentUser);
            var mine = db.Notifications.AsNoTracking().Where(n => me.Contains(n.UserId));
            var total = await mine.CountAsync(cancellationToken);
            var unread = await mine.CountAsync(n => n.ReadAtUtc == null, cancellationToken);
            var items = await mine.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(n => new Item(n.Id, n.CaseId, n.Kind, n.Text, n.CreatedAtUtc, n.ReadAtUtc != null))
                .ToListAsync(cancellationToken);
            return new Result(new PagedResult<Item>(items, page, PageSize, total), unread);
        }
    }
}

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
