using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Tests.Features.Analysis.Oracle;

/// <summary>
/// The figures of the duration report, outcome contrasts, officer burden and a limit scenario, and the status of every
/// clock, worked out by hand from docs/reports.md and docs/time-limits.md over the generated records. It calls no
/// production code that computes anything (no ClockEvaluator, ClockRecord, DayRange, DateBounds, StageSpan, query or
/// expression of the app): only enums and display names are shared. Where a rule is ambiguous the docs decide.
/// </summary>
public sealed class OracleCalculator(IReadOnlyList<OCase> cases, DateOnly today)
{
    /// <summary>The rules in force (appsettings.json, time-limits.md): months from the stage start, or from the incident for the whole case.</summary>
    private static readonly Dictionary<StageKind, int> MonthsByKind = new() { [StageKind.IopcInvestigation] = 12, [StageKind.CpsDecision] = 3, [StageKind.Inquest] = 6 };

    private const int WholeCaseMonths = 36;
    private const int WarningPercent = 80;

    public static readonly StageKind[] Proceedings =
    [
        StageKind.IopcInvestigation, StageKind.CpsDecision, StageKind.CriminalTrial, StageKind.MisconductProceedings, StageKind.JudicialReview,
        StageKind.Appeal, StageKind.PircInvestigation, StageKind.CrownOfficeDecision, StageKind.PoliceOmbudsmanInvestigation, StageKind.PpsDecision,
    ];

    public DateOnly Today { get; } = today;

    // ---- dates ---------------------------------------------------------------------------------------------------

    /// <summary>The first and last day a recorded date can be; null when unknown.</summary>
    public static (DateOnly First, DateOnly Last)? Bounds(ODate date) => date.Precision switch
    {
        "day" => (date.First!.Value, date.First.Value),
        "month" => (date.First!.Value, new DateOnly(date.First.Value.Year, date.First.Value.Month, DateTime.DaysInMonth(date.First.Value.Year, date.First.Value.Month))),
        "year" => (date.First!.Value, new DateOnly(date.First.Value.Year, 12, 31)),
        _ => null,
    };

    private (DateOnly First, DateOnly Last)? EndBounds(OEnd end) => end.Ended ? Bounds(end.Date) : (Today, Today);

    private static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    /// <summary>A duration: shortest (latest start to earliest end), longest (the other way), never below 0.</summary>
    private static (int Shortest, int Longest) Range((DateOnly First, DateOnly Last) from, (DateOnly First, DateOnly Last) to) =>
        (Math.Max(0, Days(from.Last, to.First)), Math.Max(0, Days(from.First, to.Last)));

    private static double Middle((int Shortest, int Longest) range) => (range.Shortest + range.Longest) / 2.0;

    // ---- statistics (linear interpolation, PERCENTILE.INC) -------------------------------------------------------

    public sealed record Summary(int Count, double? Median, double? Q1, double? Q3, double? P90, double? Mean, double? Max);

    public static Summary Summarise(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return new Summary(0, null, null, null, null, null, null);
        }

        double At(double p)
        {
            var rank = p * (sorted.Count - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
        }

        return new Summary(sorted.Count, At(0.5), At(0.25), At(0.75), At(0.9), sorted.Sum() / sorted.Count, sorted[^1]);
    }

    // ---- clocks --------------------------------------------------------------------------------------------------

    /// <summary>A clock's certain status and worst-case status, and the certain and worst days over (when past the limit).</summary>
    public sealed record Clock(ClockStatus Status, ClockStatus Possible, int? DaysOver, int? DaysOverMost);

    public static readonly Clock NoLimit = new(ClockStatus.NotApplicable, ClockStatus.NotApplicable, null, null);

    public Clock StageClock(OCase owner, OStage stage) =>
        owner.Jurisdiction == Jurisdiction.EnglandAndWales && MonthsByKind.TryGetValue(stage.Kind, out var months)
            ? Measure(Bounds(stage.Start), stage.End, months)
            : NoLimit;

    public Clock CaseClock(OCase owner) =>
        owner.Jurisdiction == Jurisdiction.EnglandAndWales
            ? Measure(Bounds(owner.Incident), owner.ClosedOn is { } closed ? OEnd.On(ODate.Day(closed)) : OEnd.Running, WholeCaseMonths)
            : NoLimit;

    /// <summary>
    /// time-limits.md: the due date is the last day within the limit (start + months, day 0 the start); running: overdue
    /// after it, approaching from the first day the counted days reach the warning share; ended: late when the end is
    /// after it. Certain: the latest possible start and earliest possible end; worst: the earliest start and latest end.
    /// No status when the start, or an end, is unknown.
    /// </summary>
    private Clock Measure((DateOnly First, DateOnly Last)? start, OEnd end, int months)
    {
        if (start is not { } s)
        {
            return NoLimit;
        }

        (DateOnly First, DateOnly Last)? ended = null;
        if (end.Ended)
        {
            if (Bounds(end.Date) is not { } e)
            {
                return NoLimit;
            }

            ended = e;
        }

        (ClockStatus Status, int? Over) At(DateOnly from, DateOnly? to)
        {
            var due = from.AddMonths(months);
            if (to is { } finished)
            {
                var end2 = finished < from ? from : finished;
                return end2 > due ? (ClockStatus.ConcludedLate, Days(due, end2)) : (ClockStatus.ConcludedInTime, null);
            }

            if (Today > due)
            {
                return (ClockStatus.Overdue, Days(due, Today));
            }

            var length = Days(from, due);
            var warnAfter = Math.Max(1, (int)Math.Ceiling(length * WarningPercent / 100.0));
            return (Days(from, Today) >= warnAfter ? ClockStatus.Approaching : ClockStatus.WithinLimit, null);
        }

        var certain = At(s.Last, ended?.First);
        var worst = At(s.First, ended?.Last);
        return new Clock(certain.Status, worst.Status, certain.Over, worst.Over);
    }

    private static bool IsPastLimit(ClockStatus status) => status is ClockStatus.Overdue or ClockStatus.ConcludedLate;

    // ---- duration report (by stage kind) -------------------------------------------------------------------------

    public sealed record ReportGroup(int Stages, Summary Durations, int Approximate, int Unknown, int Running, int WithLimit, int PastLimit, int NotAssessed);

    public Dictionary<string, ReportGroup> DurationReportByKind()
    {
        var rows = cases.SelectMany(c => c.Stages.Select(s => (Case: c, Stage: s))).ToList();
        var groups = rows.GroupBy(r => r.Stage.Kind.ToString()).ToDictionary(g => g.Key, g => Report([.. g]));
        groups["all"] = Report(rows);
        return groups;
    }

    private ReportGroup Report(List<(OCase Case, OStage Stage)> rows)
    {
        var durations = new List<double>();
        int approximate = 0, unknown = 0, running = 0, withLimit = 0, pastLimit = 0, notAssessed = 0;
        foreach (var (owner, stage) in rows)
        {
            var start = Bounds(stage.Start);
            var end = EndBounds(stage.End);
            var known = start is not null && end is not null;
            if (!stage.End.Ended)
            {
                running++;
            }
            else if (known)
            {
                var range = Range(start!.Value, end!.Value);
                durations.Add(Middle(range));
                if (range.Shortest != range.Longest)
                {
                    approximate++;
                }
            }

            if (!known)
            {
                unknown++;
            }

            var clock = StageClock(owner, stage);
            var hasRule = owner.Jurisdiction == Jurisdiction.EnglandAndWales && MonthsByKind.ContainsKey(stage.Kind);
            if (clock.Status != ClockStatus.NotApplicable)
            {
                withLimit++;
            }
            else if (hasRule)
            {
                notAssessed++;
            }

            if (IsPastLimit(clock.Status))
            {
                pastLimit++;
            }
        }

        return new ReportGroup(rows.Count, Summarise(durations), approximate, unknown, running, withLimit, pastLimit, notAssessed);
    }

    // ---- outcome contrasts (by category) -------------------------------------------------------------------------

    public sealed record ContrastFigure(int Cases, int Of, int Timed, int Approximate, Summary Days);

    public static readonly string[] ContrastEvents = ["arrested", "interviewed_under_caution", "charged", "convicted", "misconduct_case_to_answer", "dismissed", "final_outcome"];

    public Dictionary<(string Group, string Event), ContrastFigure> ContrastsByCategory()
    {
        var result = new Dictionary<(string, string), ContrastFigure>();
        foreach (var group in cases.GroupBy(c => c.Category.ToString()).Append(cases.GroupBy(_ => "all").Single()))
        {
            var members = group.ToList();
            foreach (var name in ContrastEvents)
            {
                var with = 0;
                var days = new List<(int Shortest, int Longest)>();
                foreach (var c in members)
                {
                    var occurrences = Occurrences(c, name);
                    if (occurrences is null)
                    {
                        continue;
                    }

                    with++;
                    if (occurrences.Any(o => o is null) || Bounds(c.Incident) is not { } incident || incident.First != incident.Last)
                    {
                        continue;
                    }

                    var dated = occurrences.Select(o => o!.Value).ToList();
                    var when = name == "final_outcome"
                        ? (First: dated.Max(o => o.First), Last: dated.Max(o => o.Last))
                        : (First: dated.Min(o => o.First), Last: dated.Min(o => o.Last));
                    days.Add(Range(incident, when));
                }

                result[(group.Key, name)] = new ContrastFigure(with, members.Count, days.Count, days.Count(d => d.Shortest != d.Longest), Summarise(days.Select(Middle)));
            }
        }

        return result;
    }

    /// <summary>The occurrences of an event in a case (null bounds: undated), or null when the case does not have it.</summary>
    private static List<(DateOnly First, DateOnly Last)?>? Occurrences(OCase c, string name)
    {
        IEnumerable<(DateOnly, DateOnly)?> StagesWith(Func<OStage, bool> match) =>
            c.Stages.Where(s => s.End.Ended && match(s)).Select(s => Bounds(s.End.Date));
        IEnumerable<(DateOnly, DateOnly)?> Events(OfficerEventKind kind) =>
            c.Officers.SelectMany(o => o.Events).Where(e => !e.Removed && e.Kind == kind).Select(e => Bounds(e.Date));
        List<(DateOnly, DateOnly)?> list = name switch
        {
            "arrested" => [.. Events(OfficerEventKind.Arrested)],
            "interviewed_under_caution" => [.. Events(OfficerEventKind.InterviewedUnderCaution)],
            "charged" => [.. StagesWith(s => s.Type == OutcomeType.Charged), .. Events(OfficerEventKind.Charged)],
            "convicted" => [.. StagesWith(s => s.Type == OutcomeType.Convicted)],
            "misconduct_case_to_answer" => [.. StagesWith(s => s.Type is OutcomeType.CaseToAnswerGrossMisconduct or OutcomeType.CaseToAnswerMisconduct)],
            "dismissed" => [.. StagesWith(s => s.Type == OutcomeType.Dismissed && s.Kind == StageKind.MisconductProceedings)],
            _ => FinalOutcome(c),
        };
        return list.Count == 0 ? null : list;
    }

    private static List<(DateOnly, DateOnly)?> FinalOutcome(OCase c)
    {
        var proceedings = c.Stages.Where(s => Proceedings.Contains(s.Kind)).ToList();
        return proceedings.Count == 0 || proceedings.Any(s => !s.End.Ended) ? [] : [.. proceedings.Select(s => Bounds(s.End.Date))];
    }

    // ---- officer burden ------------------------------------------------------------------------------------------

    public sealed record BurdenRow(bool StillRunning, (int Shortest, int Longest)? Days, int Proceedings, int MostAtOnce, int Suspended, int Restricted, int Either, bool PeriodRunning, int Unmeasured);

    public (Dictionary<int, BurdenRow> Rows, int WithoutExactIncident, Summary Distribution, Summary SuspendedOrRestricted) Burden()
    {
        var rows = new Dictionary<int, BurdenRow>();
        var without = 0;
        foreach (var c in cases)
        {
            foreach (var officer in c.Officers)
            {
                if (Bounds(c.Incident) is not { } incident || incident.First != incident.Last)
                {
                    without++;
                    continue;
                }

                var proceedings = c.Stages.Where(s => Proceedings.Contains(s.Kind)).ToList();
                var running = proceedings.Any(s => !s.End.Ended);
                (int, int)? days = null;
                if (running)
                {
                    days = (Days(incident.First, Today), Days(incident.First, Today));
                }
                else if (proceedings.Count > 0 && proceedings.All(s => Bounds(s.End.Date) is not null))
                {
                    var ends = proceedings.Select(s => Bounds(s.End.Date)!.Value).ToList();
                    days = Range(incident, (ends.Max(e => e.First), ends.Max(e => e.Last)));
                }

                // Most at once: each proceeding from its latest possible start to its earliest possible end (today while running).
                var spans = proceedings
                    .Select(s => (Start: Bounds(s.Start)?.Last, End: s.End.Ended ? Bounds(s.End.Date)?.First : Today))
                    .Where(s => s.Start is not null && s.End is not null && s.Start <= s.End)
                    .ToList();
                var most = 0;
                foreach (var day in spans.Select(s => s.Start!.Value))
                {
                    most = Math.Max(most, spans.Count(s => s.Start <= day && day <= s.End));
                }

                var events = officer.Events.Where(e => !e.Removed && e.Kind.IsPeriod()).ToList();
                bool Measured(OEvent e) => e.Date.Precision == "day" && (!e.End.Ended || e.End.Date.Precision == "day");
                HashSet<int> DaysOf(params OfficerEventKind[] kinds) =>
                [
                    .. events.Where(e => kinds.Contains(e.Kind) && Measured(e))
                        .SelectMany(e => Enumerable.Range(e.Date.First!.Value.DayNumber, Math.Max(0, (e.End.Ended ? e.End.Date.First!.Value : Today).DayNumber - e.Date.First!.Value.DayNumber))),
                ];
                rows[officer.Id] = new BurdenRow(
                    running, days, proceedings.Count, most,
                    DaysOf(OfficerEventKind.Suspended).Count, DaysOf(OfficerEventKind.RestrictedDuties).Count, DaysOf(OfficerEventKind.Suspended, OfficerEventKind.RestrictedDuties).Count,
                    events.Any(e => !e.End.Ended), events.Count(e => !Measured(e)));
            }
        }

        return (rows, without, Summarise(rows.Values.Where(r => r.Days is not null).Select(r => Middle(r.Days!.Value))),
            Summarise(rows.Values.Where(r => r.Either > 0).Select(r => (double)r.Either)));
    }

    // ---- a limit scenario ----------------------------------------------------------------------------------------

    public sealed record ScenarioLimit(int Stages, int Assessed, int ScenarioBreaches, int ScenarioCases, int RuleBreaches, int RuleCases);

    /// <summary>
    /// reports.md, "Limit scenarios": flat months from the stage's start to its end (or today); only stages whose start,
    /// and end once ended, are exact days are assessed; the rule in force counts stages past their limit for certain.
    /// </summary>
    public ScenarioLimit Scenario(StageKind kind, int months)
    {
        var rows = cases.SelectMany(c => c.Stages.Where(s => s.Kind == kind).Select(s => (Case: c, Stage: s))).ToList();
        var assessed = rows.Where(r => r.Stage.Start.Precision == "day" && (!r.Stage.End.Ended || r.Stage.End.Date.Precision == "day")).ToList();
        var breaches = assessed.Where(r => (r.Stage.End.Ended ? r.Stage.End.Date.First!.Value : Today) > r.Stage.Start.First!.Value.AddMonths(months)).ToList();
        var rule = rows.Where(r => IsPastLimit(StageClock(r.Case, r.Stage).Status)).ToList();
        return new ScenarioLimit(rows.Count, assessed.Count, breaches.Count, breaches.Select(r => r.Case.Index).Distinct().Count(), rule.Count, rule.Select(r => r.Case.Index).Distinct().Count());
    }
}
