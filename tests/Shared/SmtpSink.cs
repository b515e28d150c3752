using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AccountabilityTracker.Tests.Shared;

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps what it receives: Debian's aiosmtpd with its Maildir handler. ./test.sh
/// starts one and names it in <see cref="ServerVariable"/> and <see cref="MaildirVariable"/>; without them (a plain
/// <c>dotnet test</c>) the sink starts its own with Debian's python3 and stops it on dispose. Tests tell their messages
/// apart by recipient address.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    /// <summary>e.g. <c>127.0.0.1:2525</c>.</summary>
    public const string ServerVariable = "TRACKER_TEST_SMTP";

    /// <summary>The Maildir the server writes every message into.</summary>
    public const string MaildirVariable = "TRACKER_TEST_SMTP_MAILDIR";

    private readonly Process? _own;
    private readonly string? _ownFolder;

    public SmtpSink()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            && Environment.GetEnvironmentVariable(MaildirVariable) is { Length: > 0 } maildir)
        {
            var colon = server.LastIndexOf(':');
            Host = server[..colon];
            Port = int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Maildir = maildir;
            return;
        }

        _ownFolder = Directory.CreateTempSubdirectory("tracker-smtp-").FullName;
        Host = "127.0.0.1";
        Port = FreePort();
        Maildir = Path.Combine(_ownFolder, "mail");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _own = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start: apt-get install -y python3-aiosmtpd");
        WaitUntilListening();
    }

    public string Host { get; }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>Every message received so far addressed to <paramref name="recipient"/> (raw RFC 5322 text).</summary>
    public IReadOnlyList<string> MessagesTo(string recipient)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetFiles(folder).Select(File.ReadAllText)
            .Where(m => m.Split('\n').Any(l => l.StartsWith("To:", StringComparison.OrdinalIgnoreCase) && l.Contains(recipient, StringComparison.OrdinalIgnoreCase)))];
    }

    public void Dispose()
    {
        if (_own is not null)
        {
            if (!_own.HasExited)
            {
                _own.Kill(entireProcessTree: true);
                _own.WaitForExit();
            }

            _own.Dispose();
            Directory.Delete(_ownFolder!, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(Host, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_own!.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"aiosmtpd did not listen on {Host}:{Port}: {_own!.StandardError.ReadToEnd()}");
            }
        }
    }
}
