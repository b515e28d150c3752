using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Notifications;
using MediatR;

namespace AccountabilityTracker.Web.Infrastructure.Notifications;

/// <summary>
/// Runs the notification job and the digest job every <c>Notifications:JobIntervalSeconds</c> (60 by default; 0 turns
/// the worker off). Every instance runs it: the jobs take their leases in the database, so only one does the work.
/// </summary>
public sealed partial class NotificationWorker(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<NotificationWorker> logger) : BackgroundService
{
    public const string IntervalSetting = "Notifications:JobIntervalSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalSetting, 60);
        if (seconds <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                await mediator.Send(new RaiseNotifications.Command(), stoppingToken);
                await mediator.Send(new SendDigests.Command(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A database outage or a migration not yet applied: the next run tries again.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification and digest jobs failed; they run again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class NotificationRegistration
{
    /// <summary>E-mail settings (Email:Smtp:*) and the background worker of the notification and digest jobs.</summary>
    public static IServiceCollection AddTrackerNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions());
        services.AddHostedService<NotificationWorker>();
        return services;
    }
}
