using System.Globalization;
using Serilog;
using Serilog.Formatting.Compact;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Where logs go: the console and a daily file in the data folder's <c>logs</c> (31 kept). <c>Logs:Format</c> chooses
/// readable text (the default, for a person at a terminal) or compact JSON, one event per line with every property
/// (user id, correlation id, status, elapsed), for a log collector; appsettings.Production.json chooses JSON.
/// </summary>
public static class LogOutput
{
    public const string FormatSetting = "Logs:Format";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string folder)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        var format = configuration[FormatSetting] ?? "Text";
        if (string.Equals(format, "Json", StringComparison.OrdinalIgnoreCase))
        {
            return logger
                .WriteTo.Console(new CompactJsonFormatter())
                .WriteTo.File(new CompactJsonFormatter(), Path.Combine(folder, "tracker-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31);
        }

        if (!string.Equals(format, "Text", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupConfigurationException($"{FormatSetting} is '{format}': use Text or Json.");
        }

        return logger
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(folder, "tracker-.log"), formatProvider: CultureInfo.InvariantCulture, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31);
    }
}
