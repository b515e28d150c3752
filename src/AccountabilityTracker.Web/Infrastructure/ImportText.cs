using AccountabilityTracker.Application.Import;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>Import statuses and actions in words for the pages.</summary>
public static class ImportText
{
    public static string Status(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Queued => "Waiting for the dry run",
        ImportJobStatus.Checking => "Checking the file (dry run)",
        ImportJobStatus.ReadyToImport => "Checked: ready to import",
        ImportJobStatus.Invalid => "Checked: the file has errors",
        ImportJobStatus.ImportQueued => "Confirmed: waiting to import",
        ImportJobStatus.Importing => "Importing",
        ImportJobStatus.Completed => "Imported",
        _ => "Failed: nothing was written",
    };

    public static string Action(ImportAction action, bool done) => action switch
    {
        ImportAction.Create => done ? "Created" : "Will be created",
        ImportAction.Update => done ? "Updated" : "Will be updated",
        ImportAction.Unchanged => "Unchanged (skipped)",
        _ => "Has errors",
    };
}
