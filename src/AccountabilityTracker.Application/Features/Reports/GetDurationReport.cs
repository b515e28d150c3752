using System.Globalization;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Reports;

public enum ReportGrouping
{
    StageKind = 0,
    Force = 1,
    IncidentYear = 2,
    Category = 3,
    Outcome = 4,
}

/// <summary>
/// Duration figures per group: how long stages took (concluded stages with known dates), how many still run, and how
/// often limits were exceeded. A duration from a month- or year-precision date counts once, at the exact middle of its
/// range (<see cref="DayRange.Middle"/>), and is counted as approximate; a stage with an unknown date (or ended on an
/// unknown date) is left out of the duration figures and counted as such. "Past limit" is counted of the stages whose
/// clock could be assessed: a stage whose kind has a rule but whose dates leave its clock without a status is counted
/// apart (<see cref="Group.NotAssessed"/>), so the share's base says exactly what it counts.
/// </summary>
public static class GetDurationReport
{
    public sealed record Query : CaseFilter, IRequest<Report>, IReadsStoredClocks
    {
        public ReportGrouping GroupBy { get; init; }
    }

    /// <summary>The figures per chosen group, the same per incident year (for the trend), and for all stages together.</summary>
    public sealed record Report(string Filters, DateTime GeneratedAtUtc, ReportGrouping GroupBy, IReadOnlyList<Group> Groups, IReadOnlyList<Group> ByIncidentYear, Group Total);

    /// <param name="WithLimit">Stages whose clock has a status under a rule: the base of <paramref name="PastLimit"/>.</param>
    /// <param name="NotAssessed">Stages whose kind has a rule in force but whose clock has no status (a date it needs is unknown): not in the base.</param>
    public sealed record Group(
        string Key,
        int Stages,
        DurationSummary Durations,
        int ApproximateDurations,
        int UnknownDates,
        int Running,
        int WithLimit,
        int PastLimit,
        int NotAssessed = 0)
    {
        /// <summary>The group's stable code for exports and the API ("IopcInvestigation", "CounterTerrorism", "2019", "all").</summary>
        public string Code { get; init; } = string.Empty;

        /// <summary>Share of the assessed stages (<see cref="WithLimit"/>) that went past their limit; null when none was assessed.</summary>
        public double? PastLimitShare => WithLimit == 0 ? null : PastLimit / (double)WithLimit;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new CaseFilterValidator());
            RuleFor(q => q.GroupBy).IsInEnum().WithMessage("Choose a grouping from the list.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, ReadCache cache, LimitRuleBook rules, ClockEvaluator clocks, TimeProvider time) : IRequestHandler<Query, Report>
    {
        /// <summary>The figures are the same for every reader until the data or the day changes: computed once, then kept.</summary>
        public async Task<Report> Handle(Query request, CancellationToken cancellationToken)
        {
            return await cache.GetAsync(db, "duration-report:" + request, ct => ComputeAsync(request, ct), cancellationToken);
        }

        /// <summary>
        /// One narrow read of the filtered stages: the group keys, the dates a duration needs, and whether the stored
        /// clock has a limit and went past it (compared with today in SQL). No clock is evaluated on the way.
        /// </summary>
        private async Task<Report> ComputeAsync(Query request, CancellationToken cancellationToken)
        {
            var ruleSet = await rules.GetAsync(cancellationToken);
            var pastLimit = StoredClocks.PastLimit(clocks.Today());
            var groups = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
            var years = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
            var total = new Accumulator();
            var today = clocks.Today();
            var cases = request.Apply(db.Cases.AsNoTracking());
            var stages = request.ApplyToStages(db.Stages.AsNoTracking().Where(s => cases.Any(c => c.Id == s.CaseId)));
            var rows = stages
                .Select(FactExpressions.Inline((Stage s) => new
                {
                    s.Kind,
                    s.Case.Jurisdiction,
                    s.Case.Force,
                    s.Case.IncidentOn,
                    s.Case.Category,
                    s.OutcomeType,
                    s.StartOn,
                    s.StartPrecision,
                    s.HasEnded,
                    s.EndOn,
                    s.EndPrecision,
                    HasLimit = s.Clock.Phase != ClockPhase.NotApplicable,
                    IsPastLimit = pastLimit.Apply(s.Clock),
                }))
                .AsAsyncEnumerable();
            await foreach (var s in rows.WithCancellation(cancellationToken))
            {
                var start = PartialDate.FromStored(s.StartOn, s.StartPrecision);
                var end = Ending.FromStored(s.HasEnded, s.EndOn, s.EndPrecision);
                var notAssessed = !s.HasLimit && ruleSet.For(s.Kind, s.Jurisdiction) is not null;
                var row = new ReportRow(s.Kind, s.Force, s.IncidentOn?.Year, s.Category, s.OutcomeType, end.IsRunning, end.DaysFrom(start, today), s.HasLimit, s.IsPastLimit, notAssessed);
                Add(groups, KeyOf(request.GroupBy, row), CodeOf(request.GroupBy, row), row);
                Add(years, KeyOf(ReportGrouping.IncidentYear, row), CodeOf(ReportGrouping.IncidentYear, row), row);
                total.Add(row);
            }

            return new Report(
                request.Describe(),
                time.GetUtcNow().UtcDateTime,
                request.GroupBy,
                [.. groups.Select(g => g.Value.ToGroup(g.Key) with { Code = g.Value.Code })],
                [.. years.Select(g => g.Value.ToGroup(g.Key) with { Code = g.Value.Code })],
                total.ToGroup("All stages") with { Code = "all" });
        }

        private static void Add(SortedDictionary<string, Accumulator> groups, string key, string code, ReportRow row)
        {
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Accumulator { Code = code };
                groups.Add(key, group);
            }

            group.Add(row);
        }

        private static string KeyOf(ReportGrouping grouping, ReportRow row) => grouping switch
        {
            ReportGrouping.Force => row.Force,
            ReportGrouping.IncidentYear => row.IncidentYear?.ToString(CultureInfo.InvariantCulture) ?? "Unknown",
            ReportGrouping.Category => row.Category.DisplayName(),
            // One row per outcome type from the controlled list; free text never makes a group of its own.
            ReportGrouping.Outcome => row.OutcomeType == OutcomeType.None ? "(no outcome yet)" : row.OutcomeType.DisplayName(),
            _ => row.Kind.DisplayName(),
        };

        private static string CodeOf(ReportGrouping grouping, ReportRow row) => grouping switch
        {
            ReportGrouping.Force => row.Force,
            ReportGrouping.IncidentYear => row.IncidentYear?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
            ReportGrouping.Category => row.Category.ToString(),
            ReportGrouping.Outcome => row.OutcomeType.ToString(),
            _ => row.Kind.ToString(),
        };
    }

    /// <summary>What the report needs of one stage.</summary>
    private sealed record ReportRow(
        StageKind Kind, string Force, int? IncidentYear, OperationCategory Category, OutcomeType OutcomeType, bool IsRunning, DayRange? Duration, bool HasLimit, bool IsPastLimit, bool NotAssessed);

    private sealed class Accumulator
    {
        public string Code { get; init; } = string.Empty;

        private readonly List<double> _durations = [];
        private int _stages;
        private int _approximate;
        private int _unknown;
        private int _running;
        private int _withLimit;
        private int _pastLimit;
        private int _notAssessed;

        public void Add(ReportRow row)
        {
            _stages++;
            if (row.IsRunning)
            {
                _running++;
            }
            else if (row.Duration is { } duration)
            {
                _durations.Add(duration.Middle);
                if (!duration.IsExact)
                {
                    _approximate++;
                }
            }

            if (row.Duration is null)
            {
                _unknown++;
            }

            if (row.HasLimit)
            {
                _withLimit++;
            }

            if (row.IsPastLimit)
            {
                _pastLimit++;
            }

            if (row.NotAssessed)
            {
                _notAssessed++;
            }
        }

        public Group ToGroup(string key) =>
            new(key, _stages, DurationSummary.Of(_durations), _approximate, _unknown, _running, _withLimit, _pastLimit, _notAssessed);
    }
}
