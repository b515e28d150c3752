namespace AccountabilityTracker.Application.Import;

/// <summary>
/// The "Import" section: how long an uploaded file that nobody confirms is kept, and how much one user may have waiting.
/// </summary>
public sealed class ImportRetention
{
    public const string Section = "Import";

    /// <summary>An upload not imported within this many days is discarded (its dry-run report stays).</summary>
    public int KeepUnconfirmedDays { get; set; } = 3;

    /// <summary>Uploaded files one user may have waiting (not yet imported or discarded).</summary>
    public int MaxWaitingUploadsPerUser { get; set; } = 5;

    /// <summary>Bytes one user's waiting uploads may hold in all.</summary>
    public long MaxWaitingBytesPerUser { get; set; } = 3 * ImportLimits.MaxFileBytes;
}
