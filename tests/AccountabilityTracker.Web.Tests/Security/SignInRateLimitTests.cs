using System.Net;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Security;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429()
    {
        using var factory = new TrackerAppFactory();
        factory.Settings["Security:SignInAttemptsPerMinute"] = "3";
        using var client = factory.CreateAnonymousClient();

        // Seven attempts span at most two one-minute windows, so one window sees at least four: a 429 must come,
        // whenever the window happens to roll over. The first three are always let through.
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            statuses.Add((await TrackerAppFactory.SignInAsync(client, "nobody@tracker.test", "wrong password here")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
