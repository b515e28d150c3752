namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>The "Security" configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Administrators must sign in with a TOTP second factor to use administration pages.</summary>
    public bool RequireAdminTwoFactor { get; set; }

    /// <summary>
    /// Always (default): cookies only over HTTPS. SameAsRequest: for local HTTP development and tests only.
    /// </summary>
    public string CookieSecurePolicy { get; set; } = "Always";

    /// <summary>Sign-in attempts allowed per client address per minute before 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>A sign-in ends this many hours after it began, however active the user (the 8-hour idle limit slides).</summary>
    public int SessionAbsoluteHours { get; set; } = 12;
}

/// <summary>The "Bootstrap" section: the first administrator, created at start-up if no user exists.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
