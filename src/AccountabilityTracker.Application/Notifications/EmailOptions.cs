using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>
/// The SMTP server digests go through (<c>Email:Smtp:*</c>). With no host or sender set, e-mail is off: no digest is
/// sent and the profile says so.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address of digests.</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "AccountabilityTracker";

    /// <summary>The app's public address, for links in e-mails (e.g. https://tracker.example.org).</summary>
    public string? LinkBase { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>Sends one e-mail. The app sends through SMTP (<see cref="SmtpMailSender"/>); tests may wrap it to make a send fail.</summary>
public interface IMailSender
{
    bool IsConfigured { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>MailKit's SMTP client, one connection per message (a digest run sends few).</summary>
public sealed class SmtpMailSender(EmailOptions options) : IMailSender
{
    public bool IsConfigured => options.IsConfigured;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("E-mail is not configured (Email:Smtp:Host and Email:Smtp:From).");
        }

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        await client.ConnectAsync(options.Host!, options.Port, options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
