using System.Globalization;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>
/// A user's private calendar feed (RFC 5545), found by the secret in its URL: one all-day event per due date and per
/// next progress-report date of the running clocks of the cases they follow and may see. Null (404) for an unknown or
/// revoked secret, or a user who may no longer read cases.
/// </summary>
public static class GetCalendarFeed
{
    /// <param name="LinkBase">The app's address for links to cases ("https://host"), or null.</param>
    public sealed record Query(string Token, string? LinkBase) : IRequest<string?>, IReadsStoredClocks;

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks, TimeProvider time) : IRequestHandler<Query, string?>
    {
        public async Task<string?> Handle(Query request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 100)
            {
                return null;
            }

            var hash = CalendarFeedToken.Hash(request.Token);
            var userId = await db.CalendarFeedTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAtUtc == null).Select(t => t.UserId).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return null;
            }

            var recipients = await Recipient.LoadAsync(db, [userId], time.GetUtcNow(), cancellationToken);
            if (!recipients.TryGetValue(userId, out var recipient) || !recipient.CanReadCases)
            {
                return null;
            }

            var (_, followed) = await FollowedClocks.LoadAsync(db, recipient, await rules.GetAsync(cancellationToken), clocks.Today(), cancellationToken);
            var events = new List<FeedEvent>();
            foreach (var clock in followed)
            {
                var link = request.LinkBase is null ? null : request.LinkBase.TrimEnd('/') + "/cases/" + clock.CaseId.ToString(CultureInfo.InvariantCulture);
                var name = $"{clock.Reference} {clock.Title}";
                if (clock.Due is { } due)
                {
                    var approximate = clock.View.IsApproximate ? $" (approximate: from {Day(clock.View.DueEarliest)})" : string.Empty;
                    events.Add(new FeedEvent(CalendarFeed.DueUid(clock.Subject), due, $"Due: {clock.ClockName} – {clock.Reference}", $"{name}\n{clock.ClockName}: time limit due {Day(due)}{approximate}.", link));
                }

                if (clock.NextReport is { } report)
                {
                    events.Add(new FeedEvent(CalendarFeed.ReportUid(clock.Subject, report), report, $"Report due: {clock.ClockName} – {clock.Reference}", $"{name}\n{clock.ClockName}: progress report due {Day(report)}.", link));
                }
            }

            return CalendarFeed.Write(events, time.GetUtcNow().UtcDateTime);
        }

        private static string Day(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "unknown";
    }
}
