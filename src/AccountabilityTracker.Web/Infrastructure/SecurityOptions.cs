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

    /// <summary>Redirect plain HTTP to HTTPS (and send HSTS). Default: on outside Development.</summary>
    public bool? HttpsRedirection { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed (so rate limits and the audit see
    /// the real client, and HTTPS is detected). Empty: the headers are ignored.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>A PFX file holding the certificate that encrypts the data-protection keys at rest.</summary>
    public string? KeyCertificatePath { get; set; }

    public string? KeyCertificatePassword { get; set; }

    /// <summary>Production refuses to start with unencrypted keys unless this says the risk is accepted (and logs it).</summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>Failed sign-ins in a row an account may have before each further attempt must wait (doubling, up to 15 minutes).</summary>
    public int FreeSignInFailures { get; set; } = 3;
}

/// <summary>The "Bootstrap" section: the first administrator, created at start-up if no user exists.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
