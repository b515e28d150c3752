using System.Globalization;
using System.Text;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>
/// The daily e-mail digest job. Under the day's lease ("digest:2026-11-30": one run at a time across instances) it
/// claims, for each user who opted in and whose hour has come, the (user, day) delivery row (a unique index: a second
/// instance or a restart can never claim it again), sends the digest over SMTP and records what it sent. A failed
/// send is recorded and tried again on a later run, up to <see cref="DigestDelivery.MaxAttempts"/> times. Does nothing
/// while e-mail is not configured.
/// </summary>
public static partial class SendDigests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(10);
    private static readonly TimeZoneInfo England = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public sealed record Command : IRequest<Result>, IReadsStoredClocks;

    /// <param name="Ran">False when e-mail is off or another run held the day's lease.</param>
    public sealed record Result(int Sent, int Failed, int Skipped, bool Ran);

    public static string LeaseName(DateOnly day) => "digest:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed partial class Handler(
        TrackerDbContext db, JobLeases leases, IMailSender mail, EmailOptions options, LimitRuleBook rules, ClockEvaluator clocks, TimeProvider time, ILogger<Handler> logger)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!mail.IsConfigured)
            {
                return new Result(0, 0, 0, false);
            }

            var today = clocks.Today();
            var lease = await leases.TryAcquireAsync(LeaseName(today), JobLeases.NewOwner("digest"), LeaseTime, cancellationToken);
            if (lease is null)
            {
                return new Result(0, 0, 0, false);
            }

            try
            {
                int sent = 0, failed = 0, skipped = 0;
                foreach (var userId in await DueAsync(today, cancellationToken))
                {
                    if (!await leases.RenewAsync(lease, LeaseTime, cancellationToken))
                    {
                        break;
                    }

                    var delivery = await ClaimAsync(userId, today, cancellationToken);
                    if (delivery is null)
                    {
                        continue;
                    }

                    switch (await DeliverAsync(delivery, cancellationToken))
                    {
                        case DigestStatus.Sent: sent++; break;
                        case DigestStatus.Skipped: skipped++; break;
                        default: failed++; break;
                    }
                }

                return new Result(sent, failed, skipped, true);
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }

        /// <summary>Users who opted in, whose hour has come today, with no digest today that is done or being sent.</summary>
        private async Task<List<string>> DueAsync(DateOnly today, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            var hour = TimeZoneInfo.ConvertTime(time.GetUtcNow(), England).Hour;
            var claimedBefore = now - DigestDelivery.ClaimTimeout;
            var settled = db.DigestDeliveries.Where(d => d.Day == today
                && (d.Status == DigestStatus.Sent || d.Status == DigestStatus.Skipped || d.Attempts >= DigestDelivery.MaxAttempts
                    || (d.Status == DigestStatus.Sending && d.ClaimedAtUtc > claimedBefore)));
            return await db.NotificationSettings.AsNoTracking()
                .Where(s => s.DigestEnabled && s.DigestHour <= hour && !settled.Any(d => d.UserId == s.UserId))
                .OrderBy(s => s.UserId)
                .Select(s => s.UserId)
                .ToListAsync(cancellationToken);
        }

        /// <summary>Claims the day's digest of a user: a new row, or a failed (or abandoned) one taken over conditionally. Null when another run has it.</summary>
        private async Task<DigestDelivery?> ClaimAsync(string userId, DateOnly today, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            var existing = await db.DigestDeliveries.AsNoTracking().Where(d => d.UserId == userId && d.Day == today)
                .Select(d => new { d.Id, d.Status, d.Attempts, d.ClaimedAtUtc }).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                var claimed = new DigestDelivery(userId, today, now);
                db.DigestDeliveries.Add(claimed);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return claimed;
                }
                catch (DbUpdateException)
                {
                    db.Entry(claimed).State = EntityState.Detached;
                    return null;
                }
            }

            var retryable = existing.Attempts < DigestDelivery.MaxAttempts
                && (existing.Status == DigestStatus.Failed || (existing.Status == DigestStatus.Sending && existing.ClaimedAtUtc <= now - DigestDelivery.ClaimTimeout));
            if (!retryable)
            {
                return null;
            }

            var taken = await db.DigestDeliveries
                .Where(d => d.Id == existing.Id && d.Status == existing.Status && d.Attempts == existing.Attempts)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DigestStatus.Sending).SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.ClaimedAtUtc, now), cancellationToken);
            return taken == 1 ? await db.DigestDeliveries.SingleAsync(d => d.Id == existing.Id, cancellationToken) : null;
        }

        private async Task<DigestStatus> DeliverAsync(DigestDelivery delivery, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            try
            {
                var recipients = await Recipient.LoadAsync(db, [delivery.UserId], time.GetUtcNow(), cancellationToken);
                var settings = await db.NotificationSettings.AsNoTracking().SingleAsync(s => s.UserId == delivery.UserId, cancellationToken);
                if (!recipients.TryGetValue(delivery.UserId, out var recipient) || !recipient.CanReadCases || string.IsNullOrWhiteSpace(recipient.Email))
                {
                    delivery.Skip();
                    await db.SaveChangesAsync(cancellationToken);
                    return DigestStatus.Skipped;
                }

                var lastSent = await db.DigestDeliveries.AsNoTracking()
                    .Where(d => d.UserId == delivery.UserId && d.Status == DigestStatus.Sent && d.Id != delivery.Id)
                    .MaxAsync(d => d.SentAtUtc, cancellationToken);
                var since = lastSent ?? now.AddDays(-1);
                var changes = await db.Notifications.AsNoTracking()
                    .Where(n => n.UserId == delivery.UserId && n.CreatedAtUtc > since && (recipient.IsAdministrator || !db.Cases.Any(c => c.Id == n.CaseId && c.IsArchived)))
                    .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
                    .Select(n => new { n.CaseId, n.Text })
                    .ToListAsync(cancellationToken);
                if (settings.DigestOnlyWhenChanged && changes.Count == 0)
                {
                    delivery.Skip();
                    await db.SaveChangesAsync(cancellationToken);
                    return DigestStatus.Skipped;
                }

                var (cases, followed) = await FollowedClocks.LoadAsync(db, recipient, await rules.GetAsync(cancellationToken), delivery.Day, cancellationToken);
                var message = Compose(recipient, delivery.Day, changes.Select(c => (c.CaseId, c.Text)).ToList(), cases, followed);
                await mail.SendAsync(message, cancellationToken);
                delivery.Sent(time.UtcNowDateTime(), cases.Count, changes.Count, string.Join(", ", cases.Select(c => c.Reference)));
                await db.SaveChangesAsync(cancellationToken);
                return DigestStatus.Sent;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception, delivery.UserId, delivery.Day, delivery.Attempts);
                delivery.Fail(exception.GetType().Name + ": " + exception.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                return DigestStatus.Failed;
            }
        }

        private MimeMessage Compose(Recipient recipient, DateOnly day, List<(int CaseId, string Text)> changes, IReadOnlyList<FollowedClocks.FollowedCase> cases, IReadOnlyList<FollowedClock> clocks)
        {
            string? Link(int caseId) => string.IsNullOrWhiteSpace(options.LinkBase) ? null : options.LinkBase.TrimEnd('/') + "/cases/" + caseId.ToString(CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Your AccountabilityTracker digest for {day:d MMMM yyyy}.\n\n");
            text.Append(changes.Count == 0 ? "Nothing new since your last digest.\n" : "Since your last digest:\n");
            foreach (var (caseId, line) in changes)
            {
                text.Append("- ").Append(line).Append(Link(caseId) is { } l ? "\n  " + l : string.Empty).Append('\n');
            }

            text.Append("\nCases you follow (soonest due first):\n");
            foreach (var c in cases.OrderBy(c => clocks.Where(k => k.CaseId == c.Id).Min(k => k.Due) ?? DateOnly.MaxValue).ThenBy(c => c.Reference, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"- {c.Reference} {c.Title}\n");
                foreach (var clock in clocks.Where(k => k.CaseId == c.Id && k.View.Status != ClockStatus.NotApplicable))
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {clock.ClockName}: {clock.View.StatusText}, {clock.View.Text}\n");
                }

                if (Link(c.Id) is { } link)
                {
                    text.Append("    ").Append(link).Append('\n');
                }
            }

            text.Append("\nYou get this because you chose a daily digest on your profile. Turn it off there.\n");
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(options.FromName, options.From!));
            message.To.Add(new MailboxAddress(recipient.UserName, recipient.Email!));
            message.Subject = changes.Count == 1
                ? $"AccountabilityTracker: 1 change on cases you follow ({day:d MMM yyyy})"
                : $"AccountabilityTracker: {changes.Count} changes on cases you follow ({day:d MMM yyyy})";
            message.Body = new TextPart("plain") { Text = text.ToString() };
            return message;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of user {UserId} for {Day} could not be sent (attempt {Attempt})")]
        private static partial void LogFailed(ILogger logger, Exception exception, string userId, DateOnly day, int attempt);
    }
}
