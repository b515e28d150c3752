namespace AccountabilityTracker.Application.Import;

public enum ImportFormat
{
    Json = 1,
    Csv = 2,
}

public enum ImportSeverity
{
    /// <summary>Blocks the import: nothing is written while any error remains.</summary>
    Error = 1,

    /// <summary>Worth a look, but the file can be imported (e.g. a cell that looks like a spreadsheet formula).</summary>
    Warning = 2,
}

/// <summary>What the import will do (preview) or did (after commit) with one case of the file.</summary>
public enum ImportAction
{
    Create = 1,
    Update = 2,

    /// <summary>Already stored exactly as the file says: skipped.</summary>
    Unchanged = 3,

    /// <summary>The case has errors; nothing can be imported until they are fixed.</summary>
    Invalid = 4,
}

/// <summary>
/// One message about the file. <see cref="Row"/> is the CSV row (the header is row 1, as a spreadsheet numbers it) or,
/// for JSON, the case's position in the array (1 = first case); null for the file as a whole. <see cref="Column"/> is the
/// CSV column name or the JSON field path (e.g. <c>stages[2].end_date</c>).
/// </summary>
public sealed record ImportMessage(ImportSeverity Severity, int? Row, string? Column, string Text, string? CaseId = null);

/// <summary>One case of the file: where it is, what happens to it, and in words what changes.</summary>
public sealed record ImportItem(string FirstRow, string? CaseId, string? Title, ImportAction Action, IReadOnlyList<string> Changes, string? Reference = null);

/// <summary>The outcome of a dry run or of a commit: counts, the first items and messages, and whether the file can be imported.</summary>
public sealed record ImportReport(
    int CaseCount,
    int CreateCount,
    int UpdateCount,
    int UnchangedCount,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<ImportItem> Items,
    IReadOnlyList<ImportMessage> Messages,
    bool ItemsTruncated,
    bool MessagesTruncated)
{
    /// <summary>At most this many items and messages are kept; counts always cover the whole file.</summary>
    public const int MaxListed = 2000;

    public bool IsValid => ErrorCount == 0 && CaseCount > 0;
}

public static class ImportLimits
{
    /// <summary>The largest file accepted: 20 MB.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>
    /// The largest request body the upload endpoints read (the form around a file a little over the limit), so that a
    /// too-large file gets a clear message instead of a reset connection. Anything larger gets a plain 413.
    /// </summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    public const int FileName = 260;

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");
}
