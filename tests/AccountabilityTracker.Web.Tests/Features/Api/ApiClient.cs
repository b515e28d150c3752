using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Imports;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>Helpers for calling the API as a script would: with a personal access token and no cookies.</summary>
internal static class ApiClient
{
    /// <summary>Issues a token for the test user of <paramref name="role"/> (null: no role) directly in the database.</summary>
    public static Task<string> IssueTokenAsync(TrackerAppFactory factory, string? role, bool revoked = false, bool expired = false) =>
        IssueTokenForAsync(factory, TestUsers.EmailFor(role), revoked, expired);

    public static async Task<string> IssueTokenForAsync(TrackerAppFactory factory, string email, bool revoked = false, bool expired = false)
    {
        await factory.EnsureTestUsersAsync();
        return await factory.WithServicesAsync(async s =>
        {
            var user = (await s.GetRequiredService<UserManager<TrackerUser>>().FindByEmailAsync(email))!;
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var (token, text) = PersonalAccessToken.Issue(user.Id, "test", expired ? now.AddDays(-40) : now, 30);
            if (revoked)
            {
                token.Revoke(now);
            }

            var db = s.GetRequiredService<TrackerDbContext>();
            db.PersonalAccessTokens.Add(token);
            await db.SaveChangesAsync();
            return text;
        });
    }

    /// <summary>A client with no cookie jar use: only the bearer token authenticates it.</summary>
    public static HttpClient WithToken(TrackerAppFactory factory, string? token)
    {
        var client = factory.CreateAnonymousClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static MultipartFormDataContent FileContent(string fileName, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/json");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Waits (bounded) until the background worker has finished <paramref name="steps"/> steps of the job.</summary>
    public static async Task WaitForStepsAsync(TrackerAppFactory factory, int jobId, int steps)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await factory.Services.GetRequiredService<ImportJobChannel>().WaitForStepsAsync(jobId, steps, timeout.Token);
    }

    public static Task<int> JobCountAsync(TrackerAppFactory factory) =>
        factory.WithServicesAsync(s => Task.FromResult(s.GetRequiredService<TrackerDbContext>().ImportJobs.Count()));

    public static ImportJobStatus ParseStatus(string text) => Enum.Parse<ImportJobStatus>(text);

    /// <summary>A valid case body as a script would send it (camelCase, enums as names); add or change fields to taste.</summary>
    public static Dictionary<string, object?> CaseBody(string title) => new(StringComparer.Ordinal)
    {
        ["title"] = title,
        ["subject"] = "not published",
        ["incidentDate"] = "2021-03-04",
        ["incidentPrecision"] = "Day",
        ["incidentTime"] = "18:52",
        ["location"] = "Leeds",
        ["force"] = "West Yorkshire Police",
        ["incidentType"] = "Restraint",
        ["harm"] = "Fatal",
        ["category"] = "RoutinePolicing",
        ["summary"] = "Created through the API.",
        ["confidentialNotes"] = "Family contact via solicitor.",
    };

    /// <summary>Creates a case through the API with an administrator's token and returns its id.</summary>
    public static async Task<int> CreateCaseAsync(TrackerAppFactory factory, string title)
    {
        using var client = WithToken(factory, await IssueTokenAsync(factory, Roles.Administrator));
        using var response = await client.PostAsync("/api/v1/cases", JsonContent.Create(CaseBody(title)));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }
}
