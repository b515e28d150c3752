namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Start-up cannot continue because of a setting. The message names the setting and says what to do;
/// Program logs it as one line and exits, with no stack trace.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
