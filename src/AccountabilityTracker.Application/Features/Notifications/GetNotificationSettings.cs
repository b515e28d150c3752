using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The profile's notification section: the digest choice, whether e-mail is on, the calendar feed's state.</summary>
public static class GetNotificationSettings
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(
        bool DigestEnabled,
        int DigestHour,
        bool DigestOnlyWhenChanged,
        bool EmailConfigured,
        string? Email,
        DateTime? FeedCreatedAtUtc,
        DateOnly? LastDigestDay,
        DigestStatus? LastDigestStatus);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, IMailSender mail) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var email = await db.Users.Where(u => me.Contains(u.Id)).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            var settings = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => me.Contains(s.UserId), cancellationToken);
            var feed = await db.CalendarFeedTokens.AsNoTracking().Where(t => me.Contains(t.UserId) && t.RevokedAtUtc == null)
                .OrderByDescending(t => t.Id).Select(t => (DateTime?)t.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            var last = await db.DigestDeliveries.AsNoTracking().Where(d => me.Contains(d.UserId)).OrderByDescending(d => d.Day)
                .Select(d => new { d.Day, d.Status }).FirstOrDefaultAsync(cancellationToken);
            return new Result(
                settings?.DigestEnabled ?? false,
                settings?.DigestHour ?? NotificationSettings.DefaultHour,
                settings?.DigestOnlyWhenChanged ?? true,
                mail.IsConfigured,
                email,
                feed,
                last?.Day,
                last?.Status);
        }
    }
}
