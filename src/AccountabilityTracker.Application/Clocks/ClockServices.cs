using AccountabilityTracker.Domain.Clocks;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Application.Clocks;

public static class ClockServices
{
    /// <summary>
    /// Registers the clocks: the configured options, the working-day calendar (bank holidays with configured changes),
    /// the evaluator (today in Europe/London from the injected <see cref="TimeProvider"/>) and the per-request rule book.
    /// </summary>
    public static IServiceCollection AddClocks(this IServiceCollection services, ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(options.BuildCalendar());
        services.AddSingleton(provider => new ClockEvaluator(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<WorkingDayCalendar>()));
        services.AddScoped<LimitRuleBook>();
        services.AddSingleton<ClockRecorder>();
        services.AddSingleton<ClockFreshness>();
        services.AddSingleton<Common.ReadCache>();
        return services;
    }
}
