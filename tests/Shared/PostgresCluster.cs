using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AccountabilityTracker.Tests.Shared;

/// <summary>
/// A PostgreSQL cluster of a test's own, in a temporary folder on a free loopback port, so the test can stop and start
/// the server (an outage) without disturbing the shared server other tests use. initdb and pg_ctl refuse to run as
/// root: as root they run as the postgres user Debian's package creates.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _folder;
    private bool _running;

    private PostgresCluster(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    /// <summary>Where initdb and pg_ctl live: TRACKER_TEST_PG_BIN, or Debian's PostgreSQL 15.</summary>
    public static string BinFolder => Environment.GetEnvironmentVariable("TRACKER_TEST_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static PostgresCluster Create()
    {
        var folder = Directory.CreateTempSubdirectory("tracker-pgcluster-").FullName;
        if (IsRoot)
        {
            Run("chown", "postgres", folder);
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var cluster = new PostgresCluster(folder, port);
        RunAsPostgres(Path.Combine(BinFolder, "initdb"), "-D", cluster.DataFolder, "-A", "trust", "-U", "tracker", "-E", "UTF8", "--locale=C.UTF-8");
        cluster.Start();
        return cluster;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "tracker", Database = database }.ConnectionString;

    public void Start()
    {
        RunAsPostgres(Path.Combine(BinFolder, "pg_ctl"), "-D", DataFolder, "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1",
            "-l", Path.Combine(_folder, "log"), "-w", "start");
        _running = true;
    }

    /// <summary>Stops the server the way an operator would (fast: open sessions are cut, their transactions rolled back).</summary>
    public void Stop()
    {
        RunAsPostgres(Path.Combine(BinFolder, "pg_ctl"), "-D", DataFolder, "-m", "fast", "-w", "stop");
        _running = false;
    }

    public void Dispose()
    {
        if (_running)
        {
            Stop();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private static void RunAsPostgres(string program, params string[] arguments)
    {
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error}");
        }
    }
}
