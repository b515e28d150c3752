using AccountabilityTracker.Application.Behaviours;
using AccountabilityTracker.Application.Persistence.Saving;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountabilityTracker.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers MediatR 5.1.0 by hand (it has no DI package here): a scoped mediator resolving from the request scope,
    /// every handler in this assembly, the validators, and the pipeline behaviours outermost first.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Scoped, never singleton: a singleton mediator would resolve handlers from the root provider and leak DbContexts.
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        foreach (var (service, implementation) in FindHandlers())
        {
            services.AddTransient(service, implementation);
        }

        services.AddSingleton<Import.ImportProgress>();
        services.TryAddSingleton(new Import.ImportRetention());
        services.TryAddSingleton(new Import.ImportLease());

        // Leases for work done once across instances; e-mail off until Email:Smtp is configured (the web app binds it).
        services.AddScoped<Common.JobLeases>();
        services.TryAddSingleton(new Notifications.EmailOptions());
        services.TryAddSingleton<Notifications.IMailSender, Notifications.SmtpMailSender>();

        // Only validators of requests: the shared rule sets of a form (e.g. CaseFieldsRules) are included by them, not resolved.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Transient, IsRequestValidator, includeInternalTypes: true);

        // Every save of the DbContext runs the save pipeline (guards, history, clocks, data version), whoever registers
        // the provider (the app, the tests); its steps and their order are listed in SavePipeline.
        services.AddScoped<Common.ActingFor>();
        services.AddSavePipeline();

        // First registered is outermost: log, then validate, then meet a lost race (retry or refuse), then refresh stale
        // clocks for a request that reads them, then handle.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ConcurrencyBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ClockFreshnessBehaviour<,>));
        return services;
    }

    private static bool IsRequestValidator(AssemblyScanner.AssemblyScanResult scanned) =>
        scanned.InterfaceType.GetGenericArguments()[0].GetInterfaces()
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));

    /// <summary>Every closed request and notification handler interface implemented by a concrete type in this assembly.</summary>
    public static IEnumerable<(Type Service, Type Implementation)> FindHandlers() =>
        from type in typeof(DependencyInjection).Assembly.GetTypes()
        where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        from service in type.GetInterfaces()
        where service.IsGenericType
              && (service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
                  || service.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
        select (service, type);
}
