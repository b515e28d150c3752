using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>
/// "My cases": the cases the signed-in user follows, each with its most pressing clock read from the stored due dates,
/// soonest due first (cases with no running clock last). Archived cases follow the archive rule.
/// </summary>
public static class ListFollowedCases
{
    public sealed record Query : IRequest<IReadOnlyList<Item>>, IReadsStoredClocks;

    /// <param name="ClockName">Which clock <paramref name="Clock"/> is: a stage's label or "Whole case"; null when none runs.</param>
    public sealed record Item(int CaseId, string Reference, string Title, string? ClockName, ClockView? Clock, DateOnly? NextDue, int FollowedSince);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, LimitRuleBook rules, ClockEvaluator clocks)
        : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var followed = db.CaseFollows.Where(f => f.StoppedAtUtc == null && me.Contains(f.UserId));
            var cases = await db.Cases.AsNoTracking().VisibleTo(currentUser)
                .Where(c => followed.Any(f => f.CaseId == c.Id))
                .Select(c => new { c.Id, c.Reference, c.Title, c.Clock })
                .ToListAsync(cancellationToken);
            var caseIds = cases.Select(c => c.Id).ToList();
            var stages = await db.Stages.AsNoTracking()
                .Where(s => caseIds.Contains(s.CaseId) && s.Clock.Phase == ClockPhase.Running)
                .Select(s => new { s.CaseId, s.Kind, s.Label, s.Clock })
                .ToListAsync(cancellationToken);
            var ruleSet = await rules.GetAsync(cancellationToken);
            var today = clocks.Today();

            var items = cases.Select(c =>
            {
                var running = stages.Where(s => s.CaseId == c.Id).Select(s => (Name: s.Label, s.Clock, Rule: ruleSet.For(s.Kind)))
                    .Append((Name: "Whole case", c.Clock, Rule: ruleSet.WholeCase))
                    .Where(x => x.Clock.Phase == ClockPhase.Running && x.Rule is not null && x.Clock.DueLatest is not null)
                    .Select(x => (x.Name, View: ClockView.From(x.Clock.ReadOn(today, x.Rule))))
                    .OrderBy(x => x.View.Urgency)
                    .FirstOrDefault();
                var next = running.View?.DueEarliest < running.View?.DueDate ? running.View?.DueEarliest : running.View?.DueDate;
                return new Item(c.Id, c.Reference, c.Title, running.Name, running.View, next, 0);
            });
            return [.. items.OrderBy(i => i.NextDue is null).ThenBy(i => i.NextDue).ThenBy(i => i.Reference, StringComparer.Ordinal)];
        }
    }
}
