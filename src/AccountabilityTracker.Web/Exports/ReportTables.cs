using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Exports;

/// <summary>Turns report results into export tables: the same columns in CSV, Excel and JSON, described once here.</summary>
public static partial class ReportTables
{
    public const string StagesName = "stage-durations";
    public const string GroupsName = "duration-report";

    private const string Days = "days";

    public static IReadOnlyList<ExportColumn> StageColumns { get; } =
    [
        new("stage_id", ExportType.WholeNumber, "The stage's number in the tracker (stable)"),
        new("case_reference", ExportType.Text, "The case's reference (stable)"),
        new("case_title", ExportType.Text, "The case's title"),
        new("force", ExportType.Text, "The police force the case concerns"),
        new("incident_year", ExportType.WholeNumber, "Calendar year of the incident (empty when the incident date is unknown)", "year"),
        new("category_code", ExportType.Text, "Operation category code: NotKnown, CounterTerrorism, OtherCriminalOperation, RoutinePolicing"),
        new("category", ExportType.Text, "Operation category in words"),
        new("stage_kind_code", ExportType.Text, "Stage kind code (IopcInvestigation, CpsDecision, CriminalTrial, Inquest, MisconductProceedings, …)"),
        new("stage_kind", ExportType.Text, "Stage kind in words"),
        new("stage_label", ExportType.Text, "The stage's own label"),
        new("start", ExportType.Text, "Start date as recorded, ISO 8601 with its precision (2018-05-14, 2018-05 or 2018)"),
        new("start_precision", ExportType.Text, "Precision of the start: day, month, year or unknown"),
        new("start_earliest", ExportType.Date, "Earliest day the start can be (the start itself when exact)"),
        new("start_latest", ExportType.Date, "Latest day the start can be (the start itself when exact)"),
        new("end", ExportType.Text, "End date as recorded, ISO 8601 with its precision; empty while running or when unknown"),
        new("end_precision", ExportType.Text, "Precision of the end: day, month, year, unknown, or running"),
        new("end_earliest", ExportType.Date, "Earliest day the end can be"),
        new("end_latest", ExportType.Date, "Latest day the end can be"),
        new("running", ExportType.YesNo, "True while the stage has not ended"),
        new("duration_days", ExportType.Number, "Days from start to end (to the day of the export while running); the exact middle of the range when a date is imprecise (it may end in .5)", Days),
        new("duration_approximate", ExportType.YesNo, "True when the duration comes from a month- or year-precision date"),
        new("duration_shortest_days", ExportType.WholeNumber, "Shortest duration the dates allow", Days),
        new("duration_longest_days", ExportType.WholeNumber, "Longest duration the dates allow", Days),
        new("limit", ExportType.Text, "The time limit in force, in words (\"12 months\")"),
        new("limit_amount", ExportType.WholeNumber, "The time limit's amount, in limit_unit"),
        new("limit_unit", ExportType.Text, "The time limit's unit: CalendarDays, Months or WorkingDays"),
        new("clock_status_code", ExportType.Text, "Clock status code: NotApplicable, WithinLimit, Approaching, Overdue, ConcludedInTime, ConcludedLate"),
        new("clock_status", ExportType.Text, "Clock status in words"),
        new("days_over", ExportType.WholeNumber, "Days past the limit for certain, when overdue or concluded late (the fewest the dates allow)", Days),
        new("days_over_most", ExportType.WholeNumber, "The most days past the limit the dates allow (the earliest possible start, the latest possible end), when even that is past it", Days),
        new("possibly_late", ExportType.YesNo, "True when the clock is not past its limit for certain but could be, given an imprecise date (\"concluded within limit, possibly late\"; \"possibly overdue\")"),
        new("outcome_type_code", ExportType.Text, "Outcome type code from the controlled list (None, Charged, Convicted, Acquitted, CaseToAnswerGrossMisconduct, NoCaseToAnswer, Dismissed, …)"),
        new("outcome_type", ExportType.Text, "Outcome type in words"),
        new("outcome", ExportType.Text, "The outcome as written (free text)"),
    ];

    public static IReadOnlyList<ExportColumn> GroupColumns { get; } =
    [
        new("group_by", ExportType.Text, "What the rows are grouped by: StageKind, Force, IncidentYear, Category or Outcome"),
        new("group_code", ExportType.Text, "The group's stable code (\"all\" for the total row)"),
        new("group", ExportType.Text, "The group in words (\"All stages\" for the total row)"),
        new("stages", ExportType.WholeNumber, "Stages in the group", "stages"),
        new("concluded_with_duration", ExportType.WholeNumber, "Concluded stages whose start and end are known: the base of the duration figures", "stages"),
        new("median_days", ExportType.Number, "Median duration (linear interpolation, as Excel PERCENTILE.INC)", Days),
        new("lower_quartile_days", ExportType.Number, "25th percentile of the durations", Days),
        new("upper_quartile_days", ExportType.Number, "75th percentile of the durations", Days),
        new("percentile_90_days", ExportType.Number, "90th percentile of the durations", Days),
        new("mean_days", ExportType.Number, "Mean duration", Days),
        new("maximum_days", ExportType.Number, "Longest duration", Days),
        new("approximate_durations", ExportType.WholeNumber, "Durations from a month- or year-precision date (counted at the exact middle of their range)", "stages"),
        new("unknown_dates", ExportType.WholeNumber, "Stages with an unknown start or end, left out of the duration figures", "stages"),
        new("running", ExportType.WholeNumber, "Stages that have not ended", "stages"),
        new("with_limit", ExportType.WholeNumber, "Stages whose clock has a status under a time limit: the base of past_limit", "stages"),
        new("past_limit", ExportType.WholeNumber, "Of with_limit, stages overdue or concluded late for certain", "stages"),
        new("share_past_limit", ExportType.Number, "past_limit divided by with_limit (empty when with_limit is 0)", "share from 0 to 1"),
        new("not_assessed", ExportType.WholeNumber, "Stages whose kind has a time limit but whose clock has no status (a date it needs is unknown): not in with_limit", "stages"),
    ];

    public static ExportTable Stages(ExportStageDurations.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExportTable(StagesName, "Stage durations", result.Filters, result.GeneratedAtUtc, StageColumns, StageCells(result.Rows));
    }

    public static ExportTable Groups(GetDurationReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Groups.Append(report.Total).Select(g => GroupCells(report.GroupBy, g)).ToAsyncEnumerable();
        return new ExportTable(GroupsName, "Duration report by " + report.GroupBy, report.Filters, report.GeneratedAtUtc, GroupColumns, rows);
    }

    public static object?[] GroupCells(ReportGrouping groupBy, GetDurationReport.Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var d = group.Durations;
        return
        [
            groupBy.ToString(), group.Code, group.Key, group.Stages, d.Count, Round(d.Median), Round(d.LowerQuartile), Round(d.UpperQuartile),
            Round(d.Percentile90), Round(d.Mean), d.Maximum, group.ApproximateDurations, group.UnknownDates, group.Running,
            group.WithLimit, group.PastLimit, group.PastLimitShare is { } share ? Math.Round(share, 4) : null, group.NotAssessed,
        ];
    }

    /// <summary>"stage-durations_force-Kent-Police_20261123T120000Z.csv": what, which filters, and when.</summary>
    public static string FileName(string what, string filters, DateTime generatedAtUtc, string extension)
    {
        var slug = filters == "none" ? "all" : UnsafeFileCharacters().Replace(filters.Replace("; ", "_", StringComparison.Ordinal).Replace('=', '-'), "-");
        if (slug.Length > 80)
        {
            slug = slug[..80];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{what}_{slug}_{generatedAtUtc:yyyyMMdd'T'HHmmss'Z'}.{ExportResponses.Canonical(extension)}");
    }

    /// <summary>A date's precision as the exports write it: day, month, year or unknown.</summary>
    public static string PrecisionCode(DatePrecision precision) => precision.ToString().ToLowerInvariant();

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static async IAsyncEnumerable<object?[]> StageCells(IAsyncEnumerable<StageDurationRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                row.StageId, row.CaseReference, row.CaseTitle, row.Force, row.IncidentYear, row.Category.ToString(), row.Category.DisplayName(),
                row.Kind.ToString(), row.Kind.DisplayName(), row.Label,
                row.Start.IsKnown ? row.Start.ToIsoString() : null, PrecisionCode(row.Start.Precision), row.Start.Earliest, row.Start.Latest,
                row.End is { IsKnown: true } end ? end.ToIsoString() : null, row.End is { } e ? PrecisionCode(e.Precision) : "running",
                row.End?.Earliest, row.End?.Latest, row.IsRunning,
                row.Duration?.Middle, row.Duration is null ? null : !row.Duration.Value.IsExact,
                row.Duration?.Shortest, row.Duration?.Longest,
                row.Limit, row.LimitAmount, row.LimitUnit?.ToString(),
                row.Status.ToString(), ClockView.TextOf(row.Status), row.DaysOver, row.DaysOverMost, row.PossiblyLate,
                row.OutcomeType.ToString(), row.OutcomeType == OutcomeType.None ? null : row.OutcomeType.DisplayName(), row.Outcome,
            ];
        }
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeFileCharacters();
}
