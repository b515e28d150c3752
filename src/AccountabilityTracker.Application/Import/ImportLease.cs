namespace AccountabilityTracker.Application.Import;

/// <summary>
/// Which instance runs a step of an import job (the dry run, or the import). A worker claims a job with a conditional
/// update that sets its status, this instance's name and when the lease runs out; while the step runs, the worker renews
/// the lease every third of its length and writes its progress beside it, so any instance can show how far it is. An
/// instance that dies stops renewing; once its lease has run out, any instance's periodic scan puts the job back in the
/// queue and one of them claims it (an interrupted import wrote nothing: its transaction never committed). A worker that
/// finds its lease taken stops and rolls back, so a step never runs twice at once. <c>Import:LeaseSeconds</c> (120).
/// </summary>
public sealed class ImportLease
{
    public const string Setting = "Import:LeaseSeconds";

    public const int InstanceLength = 200;

    public ImportLease()
        : this(TimeSpan.FromMinutes(2))
    {
    }

    public ImportLease(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.FromSeconds(3));
        Duration = duration;
        var instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        Instance = instance.Length > InstanceLength ? instance[^InstanceLength..] : instance;
    }

    public TimeSpan Duration { get; }

    /// <summary>How often a running step renews its lease, and how often each instance looks for abandoned jobs.</summary>
    public TimeSpan RenewEvery => Duration / 3;

    /// <summary>This process: machine, process id and a random part (two processes never share it).</summary>
    public string Instance { get; }
}
