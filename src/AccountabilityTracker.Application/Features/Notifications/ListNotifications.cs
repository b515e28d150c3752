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
