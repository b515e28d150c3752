using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>
/// An address under /api that nothing serves is a 404 ProblemDetails whatever the caller sends (a valid token, a bad one,
/// none, the sign-in cookie); an export format is matched whatever its case, never answered in another format.
/// </summary>
public sealed class ApiNotFoundTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private static readonly string[] UnknownAddresses =
    [
        "/api/v1/nothing-here",
        "/api/v1/exports/stages.pdf",
        "/api/v1/exports/durations.csv.json",
        "/api/v2/cases",
        "/api/v1/cases/not-a-number",
        "/api",
    ];

    [Fact]
    public async Task An_unknown_path_or_format_is_a_404_problem_details_with_a_valid_token_a_bad_token_no_token_or_a_cookie()
    {
        using var valid = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        using var revoked = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst, revoked: true));
        using var unknown = ApiClient.WithToken(factory, "atk_not-a-real-token");
        using var anonymous = factory.CreateAnonymousClient();
        using var cookie = await factory.CreateClientForAsync(Roles.Researcher);
        var failures = new List<string>();

        foreach (var (name, client) in new[] { ("valid token", valid), ("revoked token", revoked), ("unknown token", unknown), ("no credentials", anonymous), ("cookie", cookie) })
        {
            foreach (var path in UnknownAddresses)
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{path} with {name}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                    continue;
                }

                var problem = JsonDocument.Parse(body).RootElement;
                if (problem.GetProperty("status").GetInt32() != 404 || !problem.GetProperty("detail").GetString()!.Contains("openapi", StringComparison.Ordinal))
                {
                    failures.Add($"{path} with {name}: {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_known_path_still_asks_for_credentials_and_a_wrong_method_is_still_405()
    {
        using var anonymous = factory.CreateAnonymousClient();
        using var valid = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await valid.DeleteAsync("/api/v1/reports/durations")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await anonymous.DeleteAsync("/api/v1/reports/durations")).StatusCode);
    }

    [Theory]
    [InlineData("stages.CSV", "text/csv", ".csv")]
    [InlineData("stages.Csv", "text/csv", ".csv")]
    [InlineData("durations.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    [InlineData("durations.Json", "application/json", ".json")]
    public async Task An_export_format_is_matched_whatever_its_case(string file, string mediaType, string extension)
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        using var page = await factory.CreateClientForAsync(Roles.Analyst);

        using var api = await client.GetAsync("/api/v1/exports/" + file);
        using var download = await page.GetAsync("/reports/" + file);

        foreach (var response in new[] { api, download })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith(extension, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        }
    }
}
