using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Security;

namespace AccountabilityTracker.Web.Infrastructure;

public static class ClockRegistration
{
    /// <summary>
    /// Binds the "Clocks" section (default limit rules, bank holiday changes) and registers the clocks. A bad value stops
    /// start-up with a <see cref="StartupConfigurationException"/> naming the setting.
    /// </summary>
    public static IServiceCollection AddTrackerClocks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Without rules in configuration every limit would be seeded switched off and nothing would ever be flagged:
        // typically the app was started from another folder, so appsettings.json was not read.
        if (!configuration.GetSection(ClockOptions.Section).GetSection(nameof(ClockOptions.Rules)).GetChildren().Any())
        {
            throw new StartupConfigurationException(
                $"Setting {ClockOptions.Section}:{nameof(ClockOptions.Rules)} is missing, so no limit rule could be seeded: start the app from its folder (or with --contentRoot) so appsettings.json is read, or configure the rules (docs/time-limits.md).");
        }

        ClockOptions options;
        try
        {
            options = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        }
        catch (InvalidOperationException exception)
        {
            throw new StartupConfigurationException($"Setting {ClockOptions.Section} could not be read: {exception.Message}");
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(string.Join(" ", problems));
        }

        services.AddClocks(options);

        return services;
    }
}
