namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Whom the work of this scope is done for when it runs outside their request: an import job writes for the user who
/// confirmed it, the start-up load for the reference data. History and audit rows name them instead of the request's
/// user (nobody, in a background worker). Scoped: one per job or request.
/// </summary>
public sealed class ActingFor
{
    public string? Name { get; private set; }

    public void Set(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name history records for a write: who the work is done for, or the current user.</summary>
    public string Actor(ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        return Name ?? currentUser.Name;
    }
}
