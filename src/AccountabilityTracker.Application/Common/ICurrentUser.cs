namespace AccountabilityTracker.Application.Common;

/// <summary>Who is asking. Handlers consult it so restricted fields never leave the application layer for the wrong role.</summary>
public interface ICurrentUser
{
    /// <summary>A stable name for history and audit entries.</summary>
    string Name { get; }

    /// <summary>True for roles allowed to see officer real names and confidential notes.</summary>
    bool CanSeeRestricted { get; }

    /// <summary>True for administrators: the only role that may open archived cases.</summary>
    bool IsAdministrator { get; }
}
