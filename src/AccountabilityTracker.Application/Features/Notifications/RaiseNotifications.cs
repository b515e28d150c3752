using System.Globalization;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>
/// The notification job: finds, from the stored due dates of followed cases only (never by evaluating clocks), each
/// clock that became approaching, possibly overdue or overdue, each progress report that fell due, each stage that
/// concluded and each save by someone else since the follower started following, and raises one notification per
/// follower for each. Runs under the "notifications" lease, and the unique index on (user, kind, subject, date) makes
/// a second run, a restart or a second instance add nothing.
/// </summary>
public static class RaiseNotifications
{
    public const string LeaseName = "notifications";

    /// <summary>Edits and concluded stages are looked for in the case history of this many days back.</summary>
    public const int HistoryWindowDays = 7;

    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);

    public sealed record Command : IRequest<Result>, IReadsStoredClocks;

    /// <param name="Created">Notifications added by this run.</param>
    /// <param name="Ran">False when another run (this or another instance) held the lease.</param>
    public sealed record Result(int Created, bool Ran);

    internal sealed class Handler(TrackerDbContext db, JobLeases leases, ClockEvaluator clocks, LimitRuleBook rules, TimeProvider time)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var lease = await leases.TryAcquireAsync(LeaseName, JobLeases.NewOwner(LeaseName), LeaseTime, cancellationToken);
            if (lease is null)
            {
                return new Result(0, false);
            }

            try
            {
                var candidates = await FindAsync(cancellationToken);
                if (candidates.Count == 0 || !await leases.IsHeldAsync(lease, cancellationToken))
                {
                    return new Result(0, true);
                }

                return new Result(await SaveNewAsync(candidates, cancellationToken), true);
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }

        private async Task<List<Notification>> FindAsync(CancellationToken cancellationToken)
        {
            var today = clocks.Today();
            var now = time.UtcNowDateTime();
            var follows = await db.CaseFollows.AsNoTracking().Where(f => f.StoppedAtUtc == null)
                .Select(f => new { f.UserId, f.CaseId, f.StartedAtUtc }).ToListAsync(cancellationToken);
            if (follows.Count == 0)
            {
                return [];
            }

            var recipients = await Recipient.LoadAsync(db, follows.Select(f => f.UserId).Distinct().ToList(), time.GetUtcNow(), cancellationToken);
            var followersOf = follows.Where(f => recipients.ContainsKey(f.UserId)).ToLookup(f => f.CaseId, f => (Recipient: recipients[f.UserId], Since: LondonDay(f.StartedAtUtc), SinceUtc: f.StartedAtUtc));

            // Only followed cases, only clocks that are flagged today or count report dates, through the clock indexes.
            var followed = db.CaseFollows.Where(f => f.StoppedAtUtc == null);
            var cases = await db.Cases.AsNoTracking()
                .Where(c => followed.Any(f => f.CaseId == c.Id))
                .Select(c => new { c.Id, c.Reference, c.Title, c.IsArchived, c.Clock })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            var flagged = StoredClocks.Flagged(today);
            var stages = await db.Stages.AsNoTracking()
                .Where(FactExpressions.Inline((Stage s) => followed.Any(f => f.CaseId == s.CaseId)
                            && (flagged.Apply(s.Clock) || (s.Clock.Phase == ClockPhase.Running && s.Clock.ReportsFrom != null))))
                .Select(s => new { s.Id, s.CaseId, s.Kind, s.Label, s.Clock })
                .ToListAsync(cancellationToken);
            var ruleSet = await rules.GetAsync(cancellationToken);

            var found = new List<Notification>();
            // To every follower of the case who followed it by then and may see it, or only to the one named.
            void Raise(int caseId, int? stageId, string subject, NotificationKind kind, DateOnly concernsOn, DateOnly happenedOn, Func<Recipient, string> text, Recipient? only = null)
            {
                if (happenedOn > today || !cases.TryGetValue(caseId, out var c))
                {
                    return;
                }

                foreach (var (recipient, since, _) in followersOf[caseId])
                {
                    if (happenedOn >= since && recipient.MaySee(c.IsArchived) && (only is null || only.UserId == recipient.UserId))
                    {
                        found.Add(new Notification(recipient.UserId, caseId, stageId, kind, subject, concernsOn, text(recipient), now));
                    }
                }
            }

            void ClockTransitions(int caseId, int? stageId, string subject, string what, ClockRecord clock, LimitRule? rule)
            {
                var name = cases[caseId].Reference + " " + cases[caseId].Title;
                if (clock.Phase != ClockPhase.Running)
                {
                    return;
                }

                if (clock.WarnEarliest is { } warn && warn <= today)
                {
                    Raise(caseId, stageId, subject, NotificationKind.Approaching, warn, warn, _ => $"{name}: {what} is approaching its time limit (due {Day(clock.DueLatest)}).");
                }

                if (clock.DueEarliest is { } earliest && clock.DueLatest is { } latest && earliest < latest && earliest < today)
                {
                    Raise(caseId, stageId, subject, NotificationKind.PossiblyOverdue, earliest, earliest.AddDays(1), _ => $"{name}: {what} may be overdue (due {Day(earliest)} at the earliest, {Day(latest)} for certain).");
                }

                if (clock.DueLatest is { } due && due < today)
                {
                    Raise(caseId, stageId, subject, NotificationKind.Overdue, due, due.AddDays(1), _ => $"{name}: {what} is overdue (due {Day(due)}).");
                }

                if (clock.ReportsFrom is not null && rule is not null && clock.ReadOn(today.AddDays(-HistoryWindowDays), rule).NextReportDue is { } report && report <= today)
                {
                    Raise(caseId, stageId, subject, NotificationKind.ReportDue, report, report, _ => $"{name}: a progress report on {what} fell due on {Day(report)}.");
                }
            }

            foreach (var c in cases.Values)
            {
                ClockTransitions(c.Id, null, Notification.CaseSubject(c.Id), "the whole case", c.Clock, ruleSet.WholeCase);
            }

            foreach (var s in stages)
            {
                ClockTransitions(s.CaseId, s.Id, Notification.StageSubject(s.Id), $"the stage \"{s.Label}\"", s.Clock, ruleSet.For(s.Kind));
            }

            await FromHistoryAsync(now, cases.ToDictionary(c => c.Key, c => c.Value.Reference + " " + c.Value.Title), followersOf.ToDictionary(g => g.Key, g => g.ToList()), Raise, cancellationToken);
            return found;
        }

        /// <summary>Saves by someone else (one notification per save), and stages that concluded, from the case history.</summary>
        private async Task FromHistoryAsync(
            DateTime now,
            Dictionary<int, string> caseNames,
            Dictionary<int, List<(Recipient Recipient, DateOnly Since, DateTime SinceUtc)>> followers,
            Action<int, int?, string, NotificationKind, DateOnly, DateOnly, Func<Recipient, string>, Recipient?> raise,
            CancellationToken cancellationToken)
        {
            var from = now.AddDays(-HistoryWindowDays);
            var followed = db.CaseFollows.Where(f => f.StoppedAtUtc == null);
            var entries = await db.CaseHistory.AsNoTracking()
                .Where(h => h.OccurredAtUtc >= from && followed.Any(f => f.CaseId == h.CaseId))
                .Select(h => new { h.Id, h.CaseId, h.StageId, h.Part, h.Field, h.NewValue, h.IsRestricted, h.Actor, h.OccurredAtUtc })
                .ToListAsync(cancellationToken);

            foreach (var save in entries.GroupBy(h => (h.CaseId, h.Actor, h.OccurredAtUtc)))
            {
                var (caseId, actor, at) = save.Key;
                if (!caseNames.TryGetValue(caseId, out var name) || !followers.TryGetValue(caseId, out var caseFollowers))
                {
                    continue;
                }

                var first = save.Min(h => h.Id);
                var day = LondonDay(at);
                foreach (var (recipient, _, sinceUtc) in caseFollowers)
                {
                    if (at <= sinceUtc || string.Equals(recipient.UserName, actor, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    // Restricted fields are not even named to a recipient who may not see them.
                    var fields = save.Where(h => !h.IsRestricted || recipient.CanSeeRestricted).Select(h => FieldName(h.Part, h.Field)).Distinct().ToList();
                    if (fields.Count == 0)
                    {
                        continue;
                    }

                    var listed = string.Join(", ", fields.Take(6)) + (fields.Count > 6 ? ", …" : string.Empty);
                    raise(caseId, null, Notification.EditSubject(first), NotificationKind.Edited, day, day, _ => $"{name}: {actor} changed {listed}.", recipient);
                }
            }

            var concluded = entries.Where(h => h is { Part: CasePart.Stage, Field: nameof(Stage.HasEnded), NewValue: "yes", StageId: not null }).ToList();
            if (concluded.Count == 0)
            {
                return;
            }

            var stageIds = concluded.Select(h => h.StageId!.Value).Distinct().ToList();
            var stages = await db.Stages.AsNoTracking().Where(s => stageIds.Contains(s.Id) && s.HasEnded)
                .Select(s => new { s.Id, s.CaseId, s.Label, s.Clock.FinalStatus, s.EndOn }).ToListAsync(cancellationToken);
            foreach (var entry in concluded)
            {
                var stage = stages.FirstOrDefault(s => s.Id == entry.StageId);
                if (stage is null || !caseNames.TryGetValue(stage.CaseId, out var name))
                {
                    continue;
                }

                var (kind, how) = stage.FinalStatus switch
                {
                    ClockStatus.ConcludedInTime => (NotificationKind.ConcludedInTime, "concluded in time"),
                    ClockStatus.ConcludedLate => (NotificationKind.ConcludedLate, "concluded late"),
                    _ => (NotificationKind.Concluded, "concluded"),
                };
                var day = LondonDay(entry.OccurredAtUtc);
                foreach (var (recipient, _, sinceUtc) in followers.GetValueOrDefault(stage.CaseId) ?? [])
                {
                    // Only stages that concluded after the follower started following (not the record as it was loaded).
                    if (entry.OccurredAtUtc > sinceUtc)
                    {
                        raise(stage.CaseId, stage.Id, Notification.StageSubject(stage.Id), kind, stage.EndOn ?? day, day, _ => $"{name}: the stage \"{stage.Label}\" {how}.", recipient);
                    }
                }
            }
        }

        /// <summary>Adds the notifications not raised before; a concurrent insert of the same one is skipped, not an error.</summary>
        private async Task<int> SaveNewAsync(List<Notification> candidates, CancellationToken cancellationToken)
        {
            var caseIds = candidates.Select(n => n.CaseId).Distinct().ToList();
            var existing = (await db.Notifications.AsNoTracking().Where(n => caseIds.Contains(n.CaseId))
                    .Select(n => new { n.UserId, n.Kind, n.Subject, n.ConcernsOn }).ToListAsync(cancellationToken))
                .Select(n => (n.UserId, n.Kind, n.Subject, n.ConcernsOn)).ToHashSet();
            var fresh = candidates.Where(n => existing.Add((n.UserId, n.Kind, n.Subject, n.ConcernsOn))).ToList();
            if (fresh.Count == 0)
            {
                return 0;
            }

            db.Notifications.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return fresh.Count;
            }
            catch (DbUpdateException)
            {
                // Another run raised some of them in between: keep those, add the rest one at a time.
                foreach (var n in fresh)
                {
                    db.Entry(n).State = EntityState.Detached;
                }

                var added = 0;
                foreach (var n in fresh)
                {
                    db.Notifications.Add(n);
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        added++;
                    }
                    catch (DbUpdateException)
                    {
                        db.Entry(n).State = EntityState.Detached;
                    }
                }

                return added;
            }
        }

        private static DateOnly LondonDay(DateTime utc) => ClockEvaluator.LondonDate(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

        private static string Day(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "unknown";

        private static string FieldName(CasePart part, string field) => part == CasePart.Case ? field : part.ToString().ToLowerInvariant() + " " + field;
    }
}
