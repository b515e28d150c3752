namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// A table to export: what it is, the filters that produced it and when, the column names, and rows read lazily
/// (straight from the database) so no export holds its rows in memory. Cells are text, numbers, dates or null.
/// </summary>
public sealed record ExportTable(
    string Title,
    string Filters,
    DateTime GeneratedAtUtc,
    IReadOnlyList<string> Columns,
    IAsyncEnumerable<object?[]> Rows);
