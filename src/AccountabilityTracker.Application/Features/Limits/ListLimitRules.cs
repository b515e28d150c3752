using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>The limit rules (stage kinds in their usual order, then the whole case) and the latest changes to them.</summary>
public static class ListLimitRules
{
    public const int HistoryLength = 50;

    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Rule> Rules, IReadOnlyList<Change> History);

    public sealed record Rule(
        string Key,
        string Name,
        bool IsEnabled,
        string LimitText,
        ClockAnchor Anchor,
        int WarningPercent,
        int? FirstReportAfterMonths,
        int? ReportEveryMonths,
        string LegalSource,
        bool IsStatutory,
        DateTime UpdatedAtUtc,
        string UpdatedBy);

    public sealed record Change(string RuleKey, string RuleName, string Field, string? OldValue, string? NewValue, string ChangedBy, DateTime ChangedAtUtc);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var settings = await db.LimitRules.AsNoTracking().ToListAsync(cancellationToken);
            var rules = settings
                .OrderBy(s => s.IsEventRule)
                .ThenBy(s => s.StageKind is null)
                .ThenBy(s => s.StageKind)
                .ThenBy(s => s.FromMilestone)
                .ThenBy(s => s.EventJurisdiction)
                .Select(s => new Rule(
                    s.Key, s.DisplayName, s.IsEnabled, LimitRule.FormatAmount(s.Amount, s.Unit), s.Anchor, s.WarningPercent,
                    s.FirstReportAfterMonths, s.ReportEveryMonths, s.LegalSource, s.IsStatutory, s.UpdatedAtUtc, s.UpdatedBy))
                .ToList();

            var changes = await db.LimitRuleChanges.AsNoTracking()
                .OrderByDescending(c => c.Id)
                .Take(HistoryLength)
                .ToListAsync(cancellationToken);
            var history = changes
                .Select(c => new Change(c.RuleKey, NameOf(c.RuleKey), c.Field, c.OldValue, c.NewValue, c.ChangedBy, c.ChangedAtUtc))
                .ToList();
            return new Result(rules, history);
        }

        private static string NameOf(string key) =>
            LimitRuleSetting.TryParseKey(key, out StageKind? kind) ? LimitRuleSetting.DisplayNameFor(kind)
            : LimitRuleSetting.TryParseEventKey(key, out var from, out var to, out var jurisdiction) ? LimitRuleSetting.EventDisplayName(from, to, jurisdiction)
            : key;
    }
}
