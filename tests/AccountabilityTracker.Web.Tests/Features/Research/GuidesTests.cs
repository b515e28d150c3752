using System.Net;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Research;

/// <summary>A page that names a guide links to it, and the app serves the guide itself (no internet needed).</summary>
public sealed class GuidesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task The_time_limits_page_links_to_the_guide_and_the_app_serves_it()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        using var reader = await factory.CreateClientForAsync(Roles.Researcher);

        var limits = await admin.GetStringAsync("/admin/limits");
        var guide = await reader.GetStringAsync("/docs/time-limits");

        Assert.Contains("<a href=\"/docs/time-limits\">the time-limits guide</a>", limits, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>docs/time-limits.md</em>", limits, StringComparison.Ordinal);
        Assert.Contains("working days", guide, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/docs/no-such-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/docs/..%2F..%2Fappsettings")).StatusCode);
    }
}
