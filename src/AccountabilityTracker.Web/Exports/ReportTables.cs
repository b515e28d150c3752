using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Web.Exports;

/// <summary>Turns report results into export tables: the same columns in CSV, Excel and JSON.</summary>
public static partial class ReportTables
{
    public static IReadOnlyList<string> StageColumns { get; } =
    [
        "Case reference", "Case title", "Force", "Incident year", "Category", "Stage kind", "Stage label",
        "Start", "Start precision", "End", "End precision", "Duration days", "Duration approximate",
        "Shortest days", "Longest days", "Limit", "Status", "Days over", "Outcome",
    ];

    public static IReadOnlyList<string> GroupColumns { get; } =
    [
        "Group", "Stages", "Concluded with a duration", "Median days", "Lower quartile days", "Upper quartile days",
        "90th percentile days", "Mean days", "Maximum days", "Approximate durations", "Unknown dates", "Running",
        "With a limit", "Past limit", "Share past limit",
    ];

    public static ExportTable Stages(ExportStageDurations.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExportTable("Stage durations", result.Filters, result.GeneratedAtUtc, StageColumns, StageCells(result.Rows));
    }

    public static ExportTable Groups(GetDurationReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Groups.Append(report.Total).Select(GroupCells).ToAsyncEnumerable();
        return new ExportTable("Duration report by " + report.GroupBy, report.Filters, report.GeneratedAtUtc, GroupColumns, rows);
    }

    public static object?[] GroupCells(GetDurationReport.Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var d = group.Durations;
        return
        [
            group.Key, group.Stages, d.Count, Round(d.Median), Round(d.LowerQuartile), Round(d.UpperQuartile),
            Round(d.Percentile90), Round(d.Mean), d.Maximum, group.ApproximateDurations, group.UnknownDates, group.Running,
            group.WithLimit, group.PastLimit, group.PastLimitShare is { } share ? Math.Round(share, 4) : null,
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

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static async IAsyncEnumerable<object?[]> StageCells(IAsyncEnumerable<StageDurationRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                row.CaseReference, row.CaseTitle, row.Force, row.IncidentYear, row.Category.DisplayName(), row.Kind.DisplayName(), row.Label,
                row.Start.IsKnown ? row.Start.ToIsoString() : null, row.Start.Precision.ToString().ToLowerInvariant(),
                row.End is { IsKnown: true } end ? end.ToIsoString() : null, row.End?.Precision.ToString().ToLowerInvariant() ?? "running",
                row.Duration?.Midpoint, row.Duration is { IsExact: false } ? "yes" : row.Duration is null ? null : "no",
                row.Duration?.Shortest, row.Duration?.Longest,
                row.Limit, row.Status.ToString(), row.DaysOver, row.Outcome,
            ];
        }
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeFileCharacters();
}
