using System.Globalization;
using AccountabilityTracker.Application.Import;

namespace AccountabilityTracker.Web.Infrastructure.Imports;

/// <summary>Reads <c>Import:LeaseSeconds</c> (default 120, at least 3), refusing to start on anything else.</summary>
public static class ImportLeaseSetting
{
    public static ImportLease Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ImportLease.Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new ImportLease();
        }

        return int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 3
            ? new ImportLease(TimeSpan.FromSeconds(seconds))
            : throw new StartupConfigurationException($"Setting {ImportLease.Setting} is '{configured}': give a whole number of seconds, at least 3 (default 120).");
    }
}
