using System.Globalization;
using System.Runtime.CompilerServices;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Exports;

/// <summary>The limit scenario's three tables (limits, groups, breaching stages) as export tables.</summary>
public static class AnalysisTables
{
    public const string ScenarioLimitsName = "scenario-limits";
    public const string ScenarioGroupsName = "scenario-groups";
    public const string ScenarioStagesName = "scenario-stages";
    public const string ContextName = "context-figures";
    public const string ContrastsName = "outcome-contrasts";
    public const string BurdenName = "officer-burden";

    private const string Stages = "stages";
    private const string Cases = "cases";

    public static IReadOnlyList<ExportColumn> ScenarioLimitColumns { get; } =
    [
        new("scenario_id", ExportType.WholeNumber, "The scenario's number (its page is /analysis/scenarios/{id})"),
        new("scenario", ExportType.Text, "The scenario's name"),
        new("limit_code", ExportType.Text, "Stage kind code the limit applies to, or WholeCase for the overall cap"),
        new("limit_label", ExportType.Text, "What the limit applies to, in words"),
        new("scenario_limit", ExportType.Text, "The scenario's limit, in words (\"3 months\")"),
        new("rule_in_force", ExportType.Text, "The limit rule in force for the same stages, in words"),
        new("stages", ExportType.WholeNumber, "Stages of this kind in the filtered cases (cases, for the overall cap)", Stages),
        new("assessed", ExportType.WholeNumber, "Of these, those whose dates are exact days (running, or ended on a known day): the base of the scenario counts", Stages),
        new("scenario_breaches", ExportType.WholeNumber, "Stages that would have breached the scenario's limit", Stages),
        new("scenario_cases", ExportType.WholeNumber, "Cases with at least one such stage", Cases),
        new("rule_breaches", ExportType.WholeNumber, "Stages overdue or concluded late under the rule in force (stored clocks, with pauses and extensions)", Stages),
        new("rule_cases", ExportType.WholeNumber, "Cases with at least one such stage", Cases),
    ];

    public static IReadOnlyList<ExportColumn> ScenarioGroupColumns { get; } =
    [
        new("scenario_id", ExportType.WholeNumber, "The scenario's number"),
        new("dimension", ExportType.Text, "What the rows are grouped by: StageKind, Force, IncidentYear or Category"),
        new("group_code", ExportType.Text, "The group's stable code"),
        new("group", ExportType.Text, "The group in words"),
        new("stages", ExportType.WholeNumber, "Stages of the scenario's kinds in the group", Stages),
        new("assessed", ExportType.WholeNumber, "Of these, those with exact-day dates", Stages),
        new("scenario_breaches", ExportType.WholeNumber, "Stages that would have breached the scenario", Stages),
        new("rule_breaches", ExportType.WholeNumber, "Stages past the rule in force", Stages),
        new("cases", ExportType.WholeNumber, "Cases in the group (empty for the StageKind dimension, where a case has several kinds)", Cases),
        new("scenario_cases", ExportType.WholeNumber, "Cases with a stage (or the whole case) breaching the scenario", Cases),
        new("rule_cases", ExportType.WholeNumber, "Cases with a stage (or the whole case) past the rule in force", Cases),
    ];

    public static IReadOnlyList<ExportColumn> ScenarioStageColumns { get; } =
    [
        new("scenario_id", ExportType.WholeNumber, "The scenario's number"),
        new("stage_id", ExportType.WholeNumber, "The stage's number in the tracker (stable)"),
        new("case_reference", ExportType.Text, "The case's reference (stable)"),
        new("case_title", ExportType.Text, "The case's title"),
        new("force", ExportType.Text, "The police force the case concerns"),
        new("incident_year", ExportType.WholeNumber, "Calendar year of the incident", "year"),
        new("category_code", ExportType.Text, "Operation category code"),
        new("category", ExportType.Text, "Operation category in words"),
        new("stage_kind_code", ExportType.Text, "Stage kind code"),
        new("stage_kind", ExportType.Text, "Stage kind in words"),
        new("stage_label", ExportType.Text, "The stage's own label"),
        new("start_date", ExportType.Date, "The stage's start (an exact day)"),
        new("end_date", ExportType.Date, "The stage's end (empty while running)"),
        new("running", ExportType.YesNo, "True while the stage has not ended"),
        new("scenario_limit", ExportType.Text, "The scenario's limit for this kind, in words"),
        new("scenario_due_date", ExportType.Date, "The day the stage would have had to end by under the scenario"),
        new("scenario_days_over", ExportType.WholeNumber, "Days from that day to the end (to the day of the export while running)", "days"),
        new("rule_status_code", ExportType.Text, "Clock status under the rule in force (code)"),
        new("rule_status", ExportType.Text, "Clock status under the rule in force, in words"),
    ];

    public static IReadOnlyList<ExportColumn> ContextColumns { get; } =
    [
        new("area", ExportType.Text, "A force or a nation (\"England and Wales\")"),
        new("year_ending", ExportType.Date, "Last day of the period (financial years end on 31 March); empty for a statement about a typical year"),
        new("period", ExportType.Text, "The period in words (\"2017/18\", or the statement's own words)"),
        new("measure", ExportType.Text, "What is counted: firearms_operations, discharge_incidents, armed_officers, armed_incidents, discharge_occasions"),
        new("value", ExportType.Number, "The published figure"),
        new("qualifier_code", ExportType.Text, "Exact, Approximately (\"about\") or AtMost (\"or fewer\")"),
        new("source_url", ExportType.Text, "Where the figure was published"),
        new("publisher", ExportType.Text, "Who published it"),
        new("published", ExportType.Text, "When it was published, as precise as the source says"),
        new("wording", ExportType.Text, "The release's own words for the figure"),
        new("note", ExportType.Text, "How the figure was derived, when it was not stated directly"),
        new("tracker_cases", ExportType.WholeNumber, "Cases in the tracker in that area with an incident in that period (day or month known)", Cases),
        new("tracker_fatal_shootings", ExportType.WholeNumber, "Of these, fatal shootings", Cases),
        new("fatal_shootings_per_10000_operations", ExportType.Number, "tracker_fatal_shootings per 10,000 firearms_operations (empty unless the operations figure is exact and at least 1,000)", "per 10,000 operations"),
    ];

    public static IReadOnlyList<ExportColumn> ContrastColumns { get; } =
    [
        new("group_by", ExportType.Text, "What the rows are grouped by: Category, Force, IncidentYear, IncidentType, Harm or Jurisdiction"),
        new("group_code", ExportType.Text, "The group's stable code (\"all\" for every case)"),
        new("group", ExportType.Text, "The group in words"),
        new("cases", ExportType.WholeNumber, "Cases in the group", Cases),
        new("small_group", ExportType.YesNo, "True when the group has fewer than 5 cases: read its shares as counts"),
        new("event", ExportType.Text, "arrested or interviewed_under_caution (officer events), charged (a stage's outcome or an officer event, whichever came first), convicted, misconduct_case_to_answer, dismissed (on misconduct proceedings) or final_outcome (every proceeding ended; dated by the end of the last)"),
        new("event_cases", ExportType.WholeNumber, "Cases in the group with the event", Cases),
        new("share", ExportType.Number, "event_cases divided by cases", "share from 0 to 1"),
        new("timed_cases", ExportType.WholeNumber, "Of event_cases, those whose incident is known to the day and whose every occurrence of the event is dated (an undated one could have come first): the base of the timings", Cases),
        new("approximate_timings", ExportType.WholeNumber, "Of timed_cases, those whose first event is known only within a month or a year: a range of days counted at its exact middle", Cases),
        new("median_days", ExportType.Number, "Median days from the incident to the first such event (a range counts at its middle)", "days"),
        new("lower_quartile_days", ExportType.Number, "25th percentile of those days", "days"),
        new("upper_quartile_days", ExportType.Number, "75th percentile of those days", "days"),
    ];

    public static IReadOnlyList<ExportColumn> BurdenColumns { get; } =
    [
        new("officer_id", ExportType.WholeNumber, "The officer record's number in the tracker (stable)"),
        new("officer", ExportType.Text, "The officer's cipher, else the name where the reader may see it, else \"Officer (name restricted)\""),
        new("case_reference", ExportType.Text, "The case's reference"),
        new("case_title", ExportType.Text, "The case's title"),
        new("force", ExportType.Text, "The police force the case concerns"),
        new("category_code", ExportType.Text, "Operation category code"),
        new("category", ExportType.Text, "Operation category in words"),
        new("incident_date", ExportType.Date, "Day of the incident"),
        new("last_proceeding_end", ExportType.Text, "End of the last proceeding as precisely as it is known (\"2021-01\", \"2025\", \"2021-01-01/2021-01-15\" for bounds that are no single month or year); the day of the export while one still runs; empty when there is no proceeding or the last ended on an unknown date"),
        new("last_proceeding_end_earliest", ExportType.Date, "First day last_proceeding_end can be"),
        new("last_proceeding_end_latest", ExportType.Date, "Last day last_proceeding_end can be"),
        new("last_proceeding_end_text", ExportType.Text, "The same in words: \"still running\", \"ended, date unknown\", \"no proceeding recorded\", \"January 2021\""),
        new("still_running", ExportType.YesNo, "True while a proceeding still runs"),
        new("days", ExportType.Number, "Days from the incident to last_proceeding_end; the exact middle of the range when an end is known only to the month or year; empty when not timed", "days"),
        new("days_shortest", ExportType.WholeNumber, "Shortest number of days the dates allow", "days"),
        new("days_longest", ExportType.WholeNumber, "Longest number of days the dates allow", "days"),
        new("days_approximate", ExportType.YesNo, "True when days is the middle of a range"),
        new("years_months", ExportType.Text, "The same in whole years and months (\"9 years 10 months\"; \"between … and …\" for a range)"),
        new("proceedings", ExportType.WholeNumber, "Proceedings (investigations, charging decisions, trials, misconduct proceedings, judicial reviews, appeals) of the case", "proceedings"),
        new("most_at_once", ExportType.WholeNumber, "The most proceedings certainly running on any one day (each from its latest possible start to its earliest possible end; proceedings with an unknown date left out)", "proceedings"),
        new("days_suspended", ExportType.WholeNumber, "Days suspended: the officer's suspension periods from start to end (to the day of the export while one runs), overlaps counted once; only periods with exact-day dates", "days"),
        new("days_restricted_duties", ExportType.WholeNumber, "Days on restricted duties, counted the same way", "days"),
        new("days_suspended_or_restricted", ExportType.WholeNumber, "Days suspended or on restricted duties (a day in both counted once)", "days"),
        new("period_running", ExportType.YesNo, "True while a suspension or restricted duties has no end recorded"),
        new("unmeasured_periods", ExportType.WholeNumber, "Suspensions or restricted duties whose start or end is not an exact day (or that ended on an unknown date): left out of the days", "periods"),
        new("arrested", ExportType.YesNo, "True when an officer event records the officer's arrest"),
        new("interviewed_under_caution", ExportType.YesNo, "True when an officer event records an interview under caution"),
        new("charged", ExportType.YesNo, "True when an officer event records the officer's charge"),
    ];

    public static ExportTable Contrasts(GetOutcomeContrasts.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExportTable(ContrastsName, "Outcome contrasts by " + report.GroupBy, report.Filters, report.GeneratedAtUtc, ContrastColumns,
            report.Groups.Append(report.Total).SelectMany(g => g.Events.Select(e => new object?[]
            {
                report.GroupBy.ToString(), g.Code, g.Label, g.Cases, g.IsSmall, e.Event, e.Cases, e.Share is { } share ? Math.Round(share, 4) : null,
                e.DaysFromIncident.Count, e.ApproximateTimings, e.DaysFromIncident.Median, e.DaysFromIncident.LowerQuartile, e.DaysFromIncident.UpperQuartile,
            })).ToAsyncEnumerable());
    }

    public static ExportTable Burden(GetOfficerBurden.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExportTable(BurdenName, "Officer burden", report.Filters, report.GeneratedAtUtc, BurdenColumns,
            report.Officers.Select(o => new object?[]
            {
                o.OfficerId, o.Officer, o.CaseReference, o.CaseTitle, o.Force, o.Category.ToString(), o.Category.DisplayName(), o.Incident,
                o.LastEnd is { } end ? IsoOf(end) : null, o.LastEnd?.Earliest, o.LastEnd?.Latest, o.LastEndText, o.StillRunning,
                o.Days?.Middle, o.Days?.Shortest, o.Days?.Longest, o.Days is { } days ? !days.IsExact : null, o.YearsMonths, o.Proceedings, o.MostAtOnce, o.DaysSuspended, o.DaysRestricted, o.DaysSuspendedOrRestricted, o.PeriodRunning, o.UnmeasuredPeriods,
                o.Arrested, o.InterviewedUnderCaution, o.Charged,
            }).ToAsyncEnumerable());
    }

    /// <summary>Bounds as a machine reads them: the partial date they are ("2021-01"), else an ISO 8601 interval of days.</summary>
    private static string IsoOf(DateBounds bounds) =>
        bounds.AsPartialDate() is { } date ? date.ToIsoString() : string.Create(CultureInfo.InvariantCulture, $"{bounds.Earliest:yyyy-MM-dd}/{bounds.Latest:yyyy-MM-dd}");

    public static ExportTable Context(GetContextReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExportTable(ContextName, "Context figures beside the tracker's counts", "none", report.GeneratedAtUtc, ContextColumns,
            report.Rows.SelectMany(r => r.Figures.Select(f => new object?[]
            {
                r.Area, r.YearEnding, r.YearEnding is { } end ? $"{end.Year - 1}/{end.Year % 100:00}" : r.PeriodNote, f.Measure, (double)f.Value, f.Qualifier.ToString(),
                f.SourceUrl, f.Publisher, f.Published, f.Wording, f.Note, r.Cases, r.FatalShootings, r.FatalShootingsPer10000Operations,
            })).ToAsyncEnumerable());
    }

    public static ExportTable Limits(GetScenarioReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report.Scenario.Id;
        return new ExportTable(ScenarioLimitsName, "Limit scenario " + report.Scenario.Name + ": limits", report.Filters, report.GeneratedAtUtc, ScenarioLimitColumns,
            report.Figures.Limits.Select(l => new object?[] { id, report.Scenario.Name, l.Code, l.Label, l.ScenarioLimit, l.RuleInForce, l.Stages, l.Assessed, l.ScenarioBreaches, l.ScenarioCases, l.RuleBreaches, l.RuleCases }).ToAsyncEnumerable());
    }

    public static ExportTable Groups(GetScenarioReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report.Scenario.Id;
        return new ExportTable(ScenarioGroupsName, "Limit scenario " + report.Scenario.Name + ": groups", report.Filters, report.GeneratedAtUtc, ScenarioGroupColumns,
            report.Figures.Groups.Select(g => new object?[] { id, g.Dimension, g.Code, g.Label, g.Stages, g.Assessed, g.ScenarioBreaches, g.RuleBreaches, g.Dimension == "StageKind" ? null : g.Cases, g.ScenarioCases, g.RuleCases }).ToAsyncEnumerable());
    }

    public static ExportTable Breaches(ExportScenarioBreaches.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        return new ExportTable(ScenarioStagesName, "Limit scenario " + report.Scenario.Name + ": breaching stages", report.Filters, report.GeneratedAtUtc, ScenarioStageColumns, BreachCells(report.Scenario.Id, result.Rows));
    }

    private static async IAsyncEnumerable<object?[]> BreachCells(int id, IAsyncEnumerable<GetScenarioReport.BreachRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                id, r.StageId, r.CaseReference, r.CaseTitle, r.Force, r.IncidentYear, r.Category.ToString(), r.Category.DisplayName(), r.Kind.ToString(), r.Kind.DisplayName(), r.Label,
                r.Start, r.End, r.End is null, r.ScenarioLimit, r.DueBy, r.DaysOver, r.RuleStatus.ToString(), ClockView.TextOf(r.RuleStatus),
            ];
        }
    }
}
