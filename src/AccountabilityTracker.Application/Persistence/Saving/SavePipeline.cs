using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// What every save of <see cref="TrackerDbContext"/> does, in order: the one place the steps are listed. EF runs each
/// hook of the steps in this order, before the rows are written ("saving") and after ("saved").
/// <list type="number">
/// <item><see cref="AppendOnlyRecords"/>: refuse an edit or delete of an audit, rule-change or history entry.</item>
/// <item><see cref="OwnerVersionCheck"/>: a part saved through its case checks the case's version.</item>
/// <item><see cref="CaseHistoryInterceptor"/>: one history row per changed field, saved with the rows.</item>
/// <item><see cref="ClocksInSameTransaction"/>: the clocks whose inputs changed, computed from the saved rows and saved
/// in the same transaction (begun here when the caller has none, and committed here).</item>
/// <item><see cref="RecordDataChange"/>: after the commit, one row in <c>DataChanges</c>, the read cache's token.</item>
/// </list>
/// The steps keep nothing between calls; what a save carries from one to the next is the context's <see cref="SaveState"/>.
/// </summary>
public static class SavePipeline
{
    /// <summary>Registers the steps and adds them to every TrackerDbContext the container makes, whoever registers the provider.</summary>
    public static IServiceCollection AddSavePipeline(this IServiceCollection services)
    {
        services.AddScoped<CaseHistoryInterceptor>();
        services.AddSingleton<RecordDataChange>();
        services.ConfigureDbContext<TrackerDbContext>((provider, options) => options.AddInterceptors(Steps(provider)));
        return services;
    }

    /// <summary>The steps in order, for a context made by the container (a container without clocks stores none).</summary>
    public static IInterceptor[] Steps(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return
        [
            AppendOnlyRecords.Instance,
            OwnerVersionCheck.Instance,
            services.GetRequiredService<CaseHistoryInterceptor>(),
            .. services.GetService<ClockRecorder>() is { } recorder ? new IInterceptor[] { new ClocksInSameTransaction(recorder) } : [],
            services.GetRequiredService<RecordDataChange>(),
        ];
    }

    /// <summary>
    /// The steps of a context made without DI (design-time tools, the data generator, tests' set-up): the guards and the
    /// data version, but no history (no one to name) and no clocks (the app computes them on its next start).
    /// </summary>
    internal static IInterceptor[] StepsWithoutServices { get; } =
    [
        AppendOnlyRecords.Instance,
        OwnerVersionCheck.Instance,
        new RecordDataChange(NullLogger<RecordDataChange>.Instance),
    ];

    /// <summary>True when <paramref name="options"/> already carry the pipeline (the container added it).</summary>
    internal static bool IsIn(DbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<RecordDataChange>().Any() == true;
}
