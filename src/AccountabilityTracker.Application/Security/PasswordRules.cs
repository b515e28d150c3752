namespace AccountabilityTracker.Application.Security;

/// <summary>
/// Password policy (NCSC guidance: length over forced complexity). Shared by Identity's options and the validators
/// so a form says the same thing Identity enforces.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const int RequiredUniqueCharacters = 4;

    /// <summary>The sixth wrong password in a row locks the account.</summary>
    public const int MaxFailedAttempts = 6;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
