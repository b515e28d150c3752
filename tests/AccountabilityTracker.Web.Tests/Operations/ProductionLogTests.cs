using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Operations;

/// <summary>
/// Production logs (Logs:Format=Json, as appsettings.Production.json sets): one compact JSON event per line; a request's
/// events carry the user's opaque id and the correlation id the error page shows, and never the user's e-mail address.
/// </summary>
public sealed class ProductionLogTests : IDisposable
{
    private readonly TrackerAppFactory _factory = new();

    public ProductionLogTests()
    {
        _factory.Settings[LogOutput.FormatSetting] = "Json";

        // The application layer logs each handled request at Debug: an event from inside the request.
        _factory.Settings["Serilog:MinimumLevel:Override:AccountabilityTracker.Application"] = "Debug";
    }

    [Fact]
    public async Task Request_logs_are_json_lines_with_the_user_id_and_correlation_id_and_no_e_mail_address()
    {
        using var client = await _factory.CreateClientForAsync(Roles.Caseworker);
        using (var response = await client.GetAsync("/cases?from=2020"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var userId = await _factory.WithServicesAsync(async s =>
            (await s.GetRequiredService<UserManager<TrackerUser>>().FindByEmailAsync(TestUsers.EmailFor(Roles.Caseworker)))!.Id);
        var events = ReadEvents();
        var request = Assert.Single(events, e => e.TryGetProperty("RequestMethod", out var method) && method.GetString() == "GET"
            && e.GetProperty("RequestPath").GetString() == "/cases");
        Assert.True(request.TryGetProperty("@t", out _), "compact JSON events carry their time as @t");
        Assert.Equal(200, request.GetProperty("StatusCode").GetInt32());
        Assert.Equal(userId, request.GetProperty(RequestLogContext.UserIdProperty).GetString());
        Assert.False(string.IsNullOrWhiteSpace(request.GetProperty(RequestLogContext.CorrelationIdProperty).GetString()));

        // Events logged inside the request (the application layer's "Handled ListCases") carry the same ids.
        var correlation = request.GetProperty(RequestLogContext.CorrelationIdProperty).GetString();
        var handled = Assert.Single(events, e => e.TryGetProperty(RequestLogContext.CorrelationIdProperty, out var id) && id.GetString() == correlation
            && e.TryGetProperty("RequestName", out var name) && name.GetString()!.Contains("ListCases", StringComparison.Ordinal));
        Assert.Equal(userId, handled.GetProperty(RequestLogContext.UserIdProperty).GetString());

        var text = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain(TestUsers.EmailFor(Roles.Caseworker), text, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _factory.Dispose();

    private List<JsonElement> ReadEvents()
    {
        var files = Directory.GetFiles(Path.Combine(_factory.DataFolder, "logs"), "tracker-*.json");
        Assert.NotEmpty(files);
        var events = new List<JsonElement>();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                events.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return events;
    }
}
