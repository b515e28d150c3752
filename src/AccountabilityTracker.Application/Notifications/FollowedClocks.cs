using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>One running clock of a followed case as the digest and the calendar feed show it.</summary>
/// <param name="Subject">"stage:12" or "case:7": the identity of the clock, stable as its dates move.</param>
public sealed record FollowedClock(int CaseId, string Reference, string Title, string Subject, string ClockName, ClockView View, DateOnly? Due, DateOnly? NextReport);

/// <summary>The cases a recipient follows and may see, with their running clocks read from the stored dates.</summary>
public static class FollowedClocks
{
    public sealed record FollowedCase(int Id, string Reference, string Title);

    public static async Task<(IReadOnlyList<FollowedCase> Cases, IReadOnlyList<FollowedClock> Clocks)> LoadAsync(
        TrackerDbContext db, Recipient recipient, LimitRuleBook.RuleSet rules, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(rules);
        var followed = db.CaseFollows.Where(f => f.UserId == recipient.UserId && f.StoppedAtUtc == null);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => followed.Any(f => f.CaseId == c.Id) && (recipient.IsAdministrator || !c.IsArchived))
            .OrderBy(c => c.Reference)
            .Select(c => new { c.Id, c.Reference, c.Title, c.Clock })
            .ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToList();
        var stages = await db.Stages.AsNoTracking()
            .Where(s => caseIds.Contains(s.CaseId) && s.Clock.Phase == ClockPhase.Running)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.CaseId, s.Kind, s.Label, s.Clock })
            .ToListAsync(cancellationToken);

        var clocks = new List<FollowedClock>();
        foreach (var c in cases)
        {
            Add(c.Id, Notification.CaseSubject(c.Id), "Whole case", c.Clock, rules.WholeCase);
            foreach (var s in stages.Where(s => s.CaseId == c.Id))
            {
                Add(c.Id, Notification.StageSubject(s.Id), s.Label, s.Clock, rules.For(s.Kind));
            }
        }

        return ([.. cases.Select(c => new FollowedCase(c.Id, c.Reference, c.Title))], clocks);

        void Add(int caseId, string subject, string name, ClockRecord clock, Domain.Clocks.LimitRule? rule)
        {
            if (clock.Phase != ClockPhase.Running || rule is null)
            {
                return;
            }

            var c = cases.First(x => x.Id == caseId);
            var view = ClockView.From(clock.ReadOn(today, rule));
            clocks.Add(new FollowedClock(caseId, c.Reference, c.Title, subject, name, view, clock.DueLatest, view.NextReportDue));
        }
    }
}
