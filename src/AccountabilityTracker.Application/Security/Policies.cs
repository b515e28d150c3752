namespace AccountabilityTracker.Application.Security;

/// <summary>Authorization policy names. Each maps to the roles allowed (see docs/security.md for the matrix).</summary>
public static class Policies
{
    /// <summary>Any signed-in user with a role: read cases, timelines, clocks.</summary>
    public const string ReadCases = nameof(ReadCases);

    /// <summary>Create and edit cases, stages, milestones, officers, sources: Caseworker, Administrator.</summary>
    public const string EditCases = nameof(EditCases);

    /// <summary>Duration reports and exports: Analyst, Administrator.</summary>
    public const string RunReports = nameof(RunReports);

    /// <summary>Users, roles, limit rules, archived cases, audit: Administrator.</summary>
    public const string Administer = nameof(Administer);
}
