namespace AccountabilityTracker.Application.Notifications;

/// <summary>A user's e-mail digest choice: off by default; when on, sent once a day from the hour chosen (England).</summary>
public sealed class NotificationSettings
{
    public const int DefaultHour = 7;

    private NotificationSettings()
    {
        UserId = string.Empty;
    }

    public NotificationSettings(string userId)
    {
        UserId = userId;
        DigestHour = DefaultHour;
        DigestOnlyWhenChanged = true;
    }

    public string UserId { get; private set; }

    public bool DigestEnabled { get; private set; }

    /// <summary>The hour (0–23, England and Wales time) from which the day's digest is sent.</summary>
    public int DigestHour { get; private set; }

    /// <summary>Skip the day's digest when nothing was notified since the last one sent.</summary>
    public bool DigestOnlyWhenChanged { get; private set; }

    public void ChooseDigest(bool enabled, int hour, bool onlyWhenChanged)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        DigestEnabled = enabled;
        DigestHour = hour;
        DigestOnlyWhenChanged = onlyWhenChanged;
    }
}
