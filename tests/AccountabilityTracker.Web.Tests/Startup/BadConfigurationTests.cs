using System.Diagnostics;

namespace AccountabilityTracker.Web.Tests.Startup;

/// <summary>
/// Runs the real app as a process with a bad setting and reads what an operator would see:
/// a non-zero exit and one clear line naming the setting, with no stack trace.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tracker-badconfig-").FullName;

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("ConnectionStrings__Tracker", "Data Source=x.db;Flavour=Vanilla", "ConnectionStrings:Tracker")]
    [InlineData("ConnectionStrings__Tracker", "Data Source=/nonexistent-folder/deeper/tracker.db", "ConnectionStrings:Tracker")]
    [InlineData("Clocks__Rules__Inquest__WarningPercent", "150", "Clocks:Rules:Inquest:WarningPercent")]
    [InlineData("Clocks__Rules__Fortnightly__Amount", "2", "Clocks:Rules:Fortnightly")]
    [InlineData("Clocks__BankHolidays__Add__0", "next Tuesday", "Clocks:BankHolidays:Add:0")]
    [InlineData("Database__SqliteMemoryMapMegabytes", "-1", "Database:SqliteMemoryMapMegabytes")]
    public async Task Start_up_stops_with_one_line_naming_the_setting(string variable, string value, string setting)
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, exitCode);
        var fatal = output.Split('\n').Where(l => l.Contains("Start-up stopped", StringComparison.Ordinal)).ToList();
        Assert.Single(fatal);
        Assert.Contains(setting, fatal[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_SQL_Server_stops_start_up_naming_the_connection_string()
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "SqlServer",
            ["ConnectionStrings__Tracker"] = "Server=tcp:127.0.0.1,1;Database=Tracker;User Id=sa;Password=x;Connect Timeout=2;ConnectRetryCount=0;TrustServerCertificate=True",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Tracker", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_from_another_folder_stops_instead_of_seeding_every_limit_switched_off()
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string> { ["Security__AllowUnprotectedKeys"] = "true" }, withAppSettings: false);

        Assert.NotEqual(0, exitCode);
        var fatal = Assert.Single(output.Split('\n'), l => l.Contains("Start-up stopped", StringComparison.Ordinal));
        Assert.Contains("Clocks:Rules is missing", fatal, StringComparison.Ordinal);
        Assert.Contains("--contentRoot", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_refuses_to_listen_beyond_loopback()
    {
        var (exitCode, output) = await RunAppAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" }, "http://0.0.0.0:0");

        Assert.NotEqual(0, exitCode);
        var fatal = Assert.Single(output.Split('\n'), l => l.Contains("Start-up stopped", StringComparison.Ordinal));
        Assert.Contains("0.0.0.0", fatal, StringComparison.Ordinal);
        Assert.Contains("loopback only", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_unencrypted_keys()
    {
        var (exitCode, output) = await RunAppAsync([]);

        Assert.NotEqual(0, exitCode);
        var fatal = Assert.Single(output.Split('\n'), l => l.Contains("Start-up stopped", StringComparison.Ordinal));
        Assert.Contains("Security:KeyCertificatePath", fatal, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Starts the app from an empty working folder, as an operator might; with <paramref name="withAppSettings"/> its
    /// content root is the build output, so appsettings.json is read as in a real deployment.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunAppAsync(Dictionary<string, string> environment, string urls = "http://127.0.0.1:0", bool withAppSettings = true)
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "AccountabilityTracker.Web.dll");
        string[] arguments = withAppSettings
            ? ["exec", appDll, "--urls", urls, "--contentRoot", AppContext.BaseDirectory]
            : ["exec", appDll, "--urls", urls];
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["App__DataFolder"] = _folder;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running: start-up did not stop on the bad setting.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
