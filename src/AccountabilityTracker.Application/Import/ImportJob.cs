namespace AccountabilityTracker.Application.Import;

public enum ImportJobStatus
{
    /// <summary>Uploaded; waiting for the dry run.</summary>
    Queued = 1,
    Checking = 2,

    /// <summary>The dry run found no errors: ready to import when the user confirms.</summary>
    ReadyToImport = 3,

    /// <summary>The dry run found errors: nothing can be imported from this file.</summary>
    Invalid = 4,

    /// <summary>Confirmed; waiting to be written.</summary>
    ImportQueued = 5,
    Importing = 6,
    Completed = 7,

    /// <summary>Something went wrong while checking or writing; the transaction was rolled back and nothing was written.</summary>
    Failed = 8,
}

/// <summary>
/// One uploaded file on its way through the dry run and, once confirmed, the import. The file itself is held in
/// <see cref="ImportJobContent"/> (so status reads never load it) and dropped once the import is written.
/// </summary>
public sealed class ImportJob
{
    private ImportJob()
    {
        FileName = string.Empty;
        RequestedBy = string.Empty;
    }

    public ImportJob(string fileName, ImportFormat format, long sizeBytes, string requestedBy, DateTime nowUtc)
    {
        FileName = fileName;
        Format = format;
        SizeBytes = sizeBytes;
        RequestedBy = requestedBy;
        CreatedAtUtc = nowUtc;
        Status = ImportJobStatus.Queued;
    }

    public int Id { get; private set; }

    public string FileName { get; private set; }

    public ImportFormat Format { get; private set; }

    public long SizeBytes { get; private set; }

    public ImportJobStatus Status { get; private set; }

    public string RequestedBy { get; private set; }

    public string? CommittedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? CheckedAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public int CaseCount { get; private set; }

    public int CreateCount { get; private set; }

    public int UpdateCount { get; private set; }

    public int UnchangedCount { get; private set; }

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    /// <summary>The report of the dry run, then of the import (JSON of <see cref="ImportReport"/>).</summary>
    public string? ReportJson { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>The instance running the current step while it holds the lease (<see cref="ImportLease"/>); null otherwise.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimExpiresAtUtc { get; private set; }

    /// <summary>How many times a step of this job was claimed: one dry run and one import, unless an instance died mid-step.</summary>
    public int ClaimCount { get; private set; }

    /// <summary>Entries the running step has processed, written with each lease renewal (readable from every instance).</summary>
    public int ProgressDone { get; private set; }

    public int ProgressTotal { get; private set; }

    public bool IsFinished => Status is ImportJobStatus.Invalid or ImportJobStatus.Completed or ImportJobStatus.Failed;

    public void Checked(ImportReport report, string reportJson, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        Record(report, reportJson);
        CheckedAtUtc = nowUtc;
        Status = report.IsValid ? ImportJobStatus.ReadyToImport : ImportJobStatus.Invalid;
        ReleaseClaim();
    }

    public void Confirm(string committedBy)
    {
        CommittedBy = committedBy;
        Status = ImportJobStatus.ImportQueued;
    }

    public void Imported(ImportReport report, string reportJson, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        Record(report, reportJson);
        CompletedAtUtc = nowUtc;
        Status = report.IsValid ? ImportJobStatus.Completed : ImportJobStatus.Failed;
        FailureMessage = report.IsValid ? null : "The file no longer imports cleanly (the stored cases changed since the dry run); nothing was written.";
        ReleaseClaim();
    }

    /// <summary>The uploaded file is discarded after <paramref name="days"/> days without an import; a waiting job fails.</summary>
    public void Expire(int days, DateTime nowUtc)
    {
        if (Status == ImportJobStatus.ReadyToImport)
        {
            Fail($"Not imported within {days} days, so the uploaded file was discarded. Upload it again to import it.", nowUtc);
        }
    }

    public void Fail(string message, DateTime nowUtc)
    {
        FailureMessage = message.Length > 1000 ? message[..1000] : message;
        CompletedAtUtc = nowUtc;
        Status = ImportJobStatus.Failed;
        ReleaseClaim();
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimExpiresAtUtc = null;
    }

    private void Record(ImportReport report, string reportJson)
    {
        CaseCount = report.CaseCount;
        CreateCount = report.CreateCount;
        UpdateCount = report.UpdateCount;
        UnchangedCount = report.UnchangedCount;
        ErrorCount = report.ErrorCount;
        WarningCount = report.WarningCount;
        ReportJson = reportJson;
    }
}

/// <summary>The uploaded bytes of an import job, kept apart so the job row stays small.</summary>
public sealed class ImportJobContent
{
    private ImportJobContent()
    {
        Content = [];
    }

    public ImportJobContent(ImportJob job, byte[] content)
    {
        Job = job;
        Content = content;
    }

    public int JobId { get; private set; }

    public ImportJob Job { get; private set; } = null!;

    public byte[] Content { get; private set; }
}
