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

public static class TrackerIdentityOptions
{
    /// <summary>The tracker's Identity settings, applied by the web host and by the tests alike.</summary>
    public static void Apply(Microsoft.AspNetCore.Identity.IdentityOptions identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.User.RequireUniqueEmail = true;
        identity.Password.RequiredLength = PasswordRules.MinimumLength;
        identity.Password.RequiredUniqueChars = PasswordRules.RequiredUniqueCharacters;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = PasswordRules.MaxFailedAttempts;
        identity.Lockout.DefaultLockoutTimeSpan = PasswordRules.LockoutDuration;
        identity.SignIn.RequireConfirmedAccount = false;
    }
}
