namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// A table to export: its stable name (the file name's first part and the data package's resource name), what it is,
/// the filters that produced it and when, the typed columns, and rows read lazily (straight from the database) so no
/// export holds its rows in memory. Cells are text, whole numbers, numbers, booleans, dates, times (UTC) or null.
/// </summary>
public sealed record ExportTable(
    string Name,
    string Title,
    string Filters,
    DateTime GeneratedAtUtc,
    IReadOnlyList<ExportColumn> Columns,
    IAsyncEnumerable<object?[]> Rows);

/// <summary>The types a column can hold, named as Frictionless Table Schema names them.</summary>
public enum ExportType
{
    /// <summary>Table Schema "string".</summary>
    Text,

    /// <summary>Table Schema "integer".</summary>
    WholeNumber,

    /// <summary>Table Schema "number".</summary>
    Number,

    /// <summary>Table Schema "boolean": true or false.</summary>
    YesNo,

    /// <summary>Table Schema "date": yyyy-mm-dd.</summary>
    Date,

    /// <summary>Table Schema "datetime": ISO 8601 in UTC.</summary>
    DateTime,
}

/// <summary>One column: a stable snake_case name, its type, what it means and its unit (days, a share from 0 to 1, …).</summary>
public sealed record ExportColumn(string Name, ExportType Type, string Meaning, string? Unit = null)
{
    public string TypeName => Type switch
    {
        ExportType.WholeNumber => "integer",
        ExportType.Number => "number",
        ExportType.YesNo => "boolean",
        ExportType.Date => "date",
        ExportType.DateTime => "datetime",
        _ => "string",
    };
}
