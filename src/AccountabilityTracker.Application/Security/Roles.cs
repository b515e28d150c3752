namespace AccountabilityTracker.Application.Security;

/// <summary>The roles of the tracker. Use these constants, never the strings.</summary>
public static class Roles
{
    /// <summary>Users, roles, limits, everything.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Federation rep: creates and edits cases.</summary>
    public const string Caseworker = nameof(Caseworker);

    /// <summary>Reads cases and timelines; never sees restricted fields.</summary>
    public const string Researcher = nameof(Researcher);

    /// <summary>Reads, and runs reports and exports; never sees restricted fields.</summary>
    public const string Analyst = nameof(Analyst);

    public static IReadOnlyList<string> All { get; } = [Administrator, Caseworker, Researcher, Analyst];

    /// <summary>Roles allowed to see officer real names and confidential notes.</summary>
    public static IReadOnlyList<string> SeeRestrictedFields { get; } = [Administrator, Caseworker];
}
