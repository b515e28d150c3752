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
