using System.Globalization;
using AccountabilityTracker.Application;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Web.Infrastructure.Api;
using AccountabilityTracker.Web.Infrastructure.Imports;
using Microsoft.AspNetCore.Mvc;
using Serilog;

// A console logger for start-up itself; the host's own logger (console + rolling file) replaces it once built.
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.InvariantCulture).CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    DeploymentGuards.EnsureDevelopmentIsLoopbackOnly(builder.Configuration, builder.Environment);

    builder.Services.AddSerilog(
        (services, logger) => LogOutput.Configure(
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext(),
            builder.Configuration,
            Path.Combine(Path.GetFullPath(builder.Configuration["App:DataFolder"] ?? "App_Data", builder.Environment.ContentRootPath), "logs")),
        preserveStaticLogger: true);

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
    builder.Services.AddSingleton(builder.Configuration.GetSection(ImportRetention.Section).Get<ImportRetention>() ?? new ImportRetention());
    builder.Services.AddSingleton(ImportLeaseSetting.Read(builder.Configuration));
    builder.Services.AddApplication();
    builder.Services.AddTrackerDatabase(builder.Configuration, builder.Environment);
    builder.Services.AddTrackerSecurity(builder.Configuration);
    builder.Services.AddTrackerClocks(builder.Configuration);
    builder.Services.AddTrackerHealthChecks();
    builder.Services.AddTrackerApi();
    builder.Services.AddSingleton<ImportJobChannel>();
    builder.Services.AddSingleton<IImportJobScheduler>(services => services.GetRequiredService<ImportJobChannel>());
    builder.Services.AddHostedService<ImportWorker>();

    // Kestrel's own cap stays at its 30 MB default; the upload endpoints raise theirs (ImportLimits.MaxRequestBytes) so a
    // file over the 20 MB limit is read and answered with a clear message rather than a dropped connection.
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 30L * 1024 * 1024);
    builder.Services.AddControllersWithViews(mvc =>
    {
        mvc.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        mvc.Filters.Add<ValidationExceptionFilter>();
    });

    var app = builder.Build();
    if (app.Configuration[BackupCommand.Setting] is { Length: > 0 } backupTarget)
    {
        return await BackupCommand.RunAsync(app, backupTarget);
    }

    await app.PrepareDatabaseAsync();
    var security = app.Services.GetRequiredService<SecurityOptions>();
    DeploymentGuards.EnsureKeysProtected(app.Environment, security, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AccountabilityTracker.Security"));

    // Behind a reverse proxy only the proxies listed in Security:KnownProxies are believed about the client and scheme.
    if (security.KnownProxies.Count > 0)
    {
        app.UseForwardedHeaders();
    }

    app.UseMiddleware<SecurityHeadersMiddleware>();
    if (security.HttpsRedirection ?? !app.Environment.IsDevelopment())
    {
        // Health probes stay on whatever scheme the load balancer uses.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
    }

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when DatabaseOutage.IsOutage(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseHsts();
    }

    // The API answers errors with ProblemDetails (JSON), the pages with an error page.
    app.UseWhen(context => context.IsApiRequest(), api => api.UseExceptionHandler().UseStatusCodePages());
    app.UseWhen(context => !context.IsApiRequest(), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
    app.UseSerilogRequestLogging(logging =>
    {
        // Through the host's logger (console and file), not the start-up console logger; secrets in paths redacted.
        logging.Logger = app.Services.GetService<Serilog.ILogger>();
        logging.GetMessageTemplateProperties = RequestLogRedaction.Properties;
    });
    app.UseStaticFiles();
    app.UseRouting();
    app.UseMiddleware<UnknownApiPathMiddleware>();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.RaiseDeferredOutage();
    app.UseRequestLogContext();
    app.UseMiddleware<NoStoreForSignedInMiddleware>();
    app.UseAuthorization();
    app.UseMiddleware<MalformedFormMiddleware>();
    app.MapTrackerHealthChecks();
    app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    app.MapControllerRoute("default", "{controller=Cases}/{action=Index}/{id?}");

    await app.StartAsync();
    DeploymentGuards.EnsureDevelopmentListensOnLoopback(app);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (StartupConfigurationException exception)
{
    // One clear line naming the setting; a stack trace would only hide it.
    Log.Fatal("Start-up stopped: {Reason}", exception.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
