using System.Net;
using System.Text.Json;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests;

public sealed class HealthEndpointsTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task Live_answers_healthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await ReadStatusAsync(response));
    }

    [Fact]
    public async Task Ready_checks_the_database_and_its_migrations()
    {
        using var client = await factory.CreateClientForAsync(AccountabilityTracker.Application.Security.Roles.Administrator);

        var response = await client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["database", "migrations"], checks);
    }

    [Fact]
    public async Task Ready_tells_an_anonymous_probe_only_the_status()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.TryGetProperty("checks", out _));
    }

    private static async Task<string?> ReadStatusAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString();
    }
}
