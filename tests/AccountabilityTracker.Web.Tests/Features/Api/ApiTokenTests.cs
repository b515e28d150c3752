using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>Every API endpoint (the list below; the OpenAPI test checks it is every one) refuses a missing, unknown, expired or revoked token (401) and a token without the role (403).</summary>
public sealed class ApiTokenTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "GET", "/api/v1/cases", "read" },
        { "GET", "/api/v1/cases/{caseId}", "read" },
        { "GET", "/api/v1/cases/{caseId}/stages/{stageId}/clock", "read" },
        { "GET", "/api/v1/clocks/overdue", "read" },
        { "POST", "/api/v1/imports", "edit" },
        { "GET", "/api/v1/imports/{jobId}", "edit" },
        { "POST", "/api/v1/imports/{jobId}/commit", "edit" },
        { "POST", "/api/v1/cases", "edit" },
        { "PUT", "/api/v1/cases/{caseId}", "edit" },
        { "POST", "/api/v1/cases/{caseId}/archive", "edit" },
        { "POST", "/api/v1/cases/{caseId}/restore", "admin" },
        { "PUT", "/api/v1/cases/{caseId}/status", "edit" },
        { "POST", "/api/v1/cases/{caseId}/stages", "edit" },
        { "PUT", "/api/v1/cases/{caseId}/stages/{stageId}", "edit" },
        { "POST", "/api/v1/cases/{caseId}/stages/{stageId}/close", "edit" },
        { "POST", "/api/v1/cases/{caseId}/stages/{stageId}/pauses", "edit" },
        { "POST", "/api/v1/cases/{caseId}/stages/{stageId}/resume", "edit" },
        { "POST", "/api/v1/cases/{caseId}/stages/{stageId}/extensions", "edit" },
        { "POST", "/api/v1/cases/{caseId}/milestones", "edit" },
        { "PUT", "/api/v1/cases/{caseId}/milestones/{milestoneId}", "edit" },
        { "POST", "/api/v1/cases/{caseId}/officers", "edit" },
        { "PUT", "/api/v1/cases/{caseId}/officers/{officerId}", "edit" },
        { "POST", "/api/v1/cases/{caseId}/sources", "edit" },
        { "PUT", "/api/v1/cases/{caseId}/sources/{sourceId}", "edit" },
        { "GET", "/api/v1/reports/durations", "report" },
        { "GET", "/api/v1/exports/durations.csv", "report" },
        { "GET", "/api/v1/exports/durations.xlsx", "report" },
        { "GET", "/api/v1/exports/durations.json", "report" },
        { "GET", "/api/v1/exports/stages.csv", "report" },
        { "GET", "/api/v1/exports/stages.xlsx", "report" },
        { "GET", "/api/v1/exports/stages.json", "report" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_missing_unknown_expired_or_revoked_token_gets_401(string method, string template, string policy)
    {
        _ = policy;
        var path = await PathAsync(template);
        var revoked = await ApiClient.IssueTokenAsync(factory, Roles.Administrator, revoked: true);
        var expired = await ApiClient.IssueTokenAsync(factory, Roles.Administrator, expired: true);

        foreach (var token in new[] { null, "atk_not-a-real-token", "not-even-the-prefix", revoked, expired })
        {
            using var client = ApiClient.WithToken(factory, token);
            using var response = await SendAsync(client, method, path);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with token {token ?? "(none)"}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_token_without_the_role_gets_403_and_with_it_gets_through(string method, string template, string policy)
    {
        var path = await PathAsync(template);
        string?[] refused = policy switch
        {
            "read" => [null],
            "report" => [null, Roles.Researcher, Roles.Caseworker],
            "admin" => [null, Roles.Researcher, Roles.Analyst, Roles.Caseworker],
            _ => [null, Roles.Researcher, Roles.Analyst],
        };
        string[] allowed = policy switch
        {
            "read" => [.. Roles.All],
            "report" => [Roles.Analyst, Roles.Administrator],
            "admin" => [Roles.Administrator],
            _ => [Roles.Caseworker, Roles.Administrator],
        };

        foreach (var role in refused)
        {
            using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, role));
            using var response = await SendAsync(client, method, path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role ?? "no role"} {method} {path}: {(int)response.StatusCode}");
        }

        foreach (var role in allowed)
        {
            using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, role));
            using var response = await SendAsync(client, method, path);

            // Token calls are exempt from antiforgery, so an allowed POST or PUT reaches its action: here it fails validation
            // (no file; a job not ready to import; an empty body, without even the version every write needs) with a 400
            // ProblemDetails, not the antiforgery refusal.
            var expected = method == "GET" ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
            Assert.True(response.StatusCode == expected, $"{role} {method} {path}: {(int)response.StatusCode}");
            if (method != "GET")
            {
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.True(problem.TryGetProperty("errors", out _), $"{role} {method} {path}: no per-field errors");
            }
        }
    }

    [Fact]
    public async Task A_locked_account_token_gets_401_and_a_removed_role_takes_effect_at_the_next_call()
    {
        await factory.EnsureTestUsersAsync();
        const string email = "api-lock@tracker.test";
        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            var user = new TrackerUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lock me" };
            await users.CreateAsync(user, TrackerAppFactory.Password);
            await users.AddToRoleAsync(user, Roles.Researcher);
            return true;
        });
        var token = await ApiClient.IssueTokenForAsync(factory, email);
        using var client = ApiClient.WithToken(factory, token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/cases")).StatusCode);

        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, Roles.Researcher);
            return true;
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases")).StatusCode);

        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.MaxValue);
            return true;
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_created_shown_once_and_revoked_on_the_profile_page_and_both_are_audited()
    {
        using var analyst = await factory.CreateClientForAsync(Roles.Analyst);
        var page = await Forms.GetAsync(analyst, "/profile/tokens");

        var created = await Forms.PostAsync(analyst, "/profile/tokens", page, new Dictionary<string, string> { ["Name"] = "nightly report", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password });
        var html = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "value=\"(atk_[^\"]+)\"").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.StartsWith("atk_", token, StringComparison.Ordinal);
        using (var script = ApiClient.WithToken(factory, token))
        {
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/cases")).StatusCode);
        }

        var listed = await Forms.GetAsync(analyst, "/profile/tokens");
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        var tokenId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().PersonalAccessTokens.Where(t => t.Name == "nightly report").Select(t => t.Id).SingleAsync());
        var stored = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().PersonalAccessTokens.SingleAsync(t => t.Id == tokenId));
        Assert.Equal(PersonalAccessToken.Hash(token), stored.TokenHash);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime.AddDays(30), stored.ExpiresAtUtc);

        var revoked = await Forms.PostAsync(analyst, $"/profile/tokens/{tokenId}/revoke", listed, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        using (var script = ApiClient.WithToken(factory, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/cases")).StatusCode);
        }

        var audit = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit.AsNoTracking()
            .Where(e => e.Subject == TestUsers.EmailFor(Roles.Analyst) && (e.EventType == SecurityEventType.AccessTokenCreated || e.EventType == SecurityEventType.AccessTokenRevoked))
            .ToListAsync());
        Assert.Contains(audit, e => e.EventType == SecurityEventType.AccessTokenCreated);
        Assert.Contains(audit, e => e.EventType == SecurityEventType.AccessTokenRevoked);
        Assert.All(audit, e => Assert.DoesNotContain(token, e.Details ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_lifetime_over_180_days_is_refused_beside_the_field()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var page = await Forms.GetAsync(caseworker, "/profile/tokens");

        var response = await Forms.PostAsync(caseworker, "/profile/tokens", page, new Dictionary<string, string> { ["Name"] = "forever", ["LifetimeDays"] = "200", ["Password"] = TrackerAppFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A token lasts between 1 and 180 days.", Forms.FieldError(await response.Content.ReadAsStringAsync(), "LifetimeDays"));
        Assert.False(await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().PersonalAccessTokens.AnyAsync(t => t.Name == "forever")));
    }

    private async Task<string> PathAsync(string template)
    {
        var (caseId, stageId, milestoneId, officerId, sourceId) = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var stage = await db.Stages.FirstAsync(st => st.Case.ExternalId == "chris-kaba-2022" && st.Kind == StageKind.Inquest);
            return (stage.CaseId, stage.Id, await db.Milestones.Where(m => m.CaseId == stage.CaseId).Select(m => m.Id).FirstAsync(),
                await db.Officers.Where(o => o.CaseId == stage.CaseId).Select(o => o.Id).FirstAsync(), await db.Sources.Where(x => x.CaseId == stage.CaseId).Select(x => x.Id).FirstAsync());
        });
        var jobId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var job = new Application.Import.ImportJob("token-test.json", Application.Import.ImportFormat.Json, 2, "test", DateTime.UtcNow);
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        return template
            .Replace("{milestoneId}", milestoneId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{officerId}", officerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{sourceId}", sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{caseId}", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{stageId}", stageId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{jobId}", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Imports take a (here empty) multipart upload; the case writes an (empty) JSON object.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        if (method == "GET")
        {
            return await client.GetAsync(path);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = path.StartsWith("/api/v1/imports", StringComparison.Ordinal) ? new MultipartFormDataContent() : JsonContent.Create(new { }),
        };
        return await client.SendAsync(request);
    }
}
