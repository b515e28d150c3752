using System.Net;
using System.Text;
using System.Text.Json;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Api;

public sealed class ApiBehaviourTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private static readonly string[] OperationNames = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "parameters", "summary", "description"];
    private static readonly string[] ParameterLocations = ["query", "path", "header", "cookie"];

    [Fact]
    public async Task A_validation_failure_is_a_problem_details_naming_the_field()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));

        using var response = await client.GetAsync("/api/v1/cases?page=0&yearFrom=1800");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal("Page must be 1 or more.", errors.GetProperty("Page")[0].GetString());
        Assert.Equal("Give a year between 1900 and 2100.", errors.GetProperty("YearFrom")[0].GetString());
    }

    [Fact]
    public async Task An_unbindable_value_and_an_unknown_case_are_problem_details_too()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));

        using var badValue = await client.GetAsync("/api/v1/cases?stageKind=Tribunal");
        using var missing = await client.GetAsync("/api/v1/cases/999999");

        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.True(JsonDocument.Parse(await badValue.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("StageKind", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_case_list_takes_the_shared_filters_and_the_detail_keeps_date_precision_and_clocks()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/cases?text=W80&pageSize=5")).RootElement;
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{item.GetProperty("id").GetInt32()}")).RootElement;

        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
        Assert.Equal(5, list.GetProperty("pageSize").GetInt32());
        var stages = detail.GetProperty("stages").EnumerateArray().ToList();
        var review = stages.Single(s => s.GetProperty("kind").GetString() == "JudicialReview");
        Assert.Equal("2018-05", review.GetProperty("start").GetProperty("value").GetString());
        Assert.Equal("Month", review.GetProperty("start").GetProperty("precision").GetString());
        Assert.True(review.GetProperty("duration").GetProperty("isApproximate").GetBoolean());
        Assert.Equal("2025-10-15", stages.Last(s => s.GetProperty("kind").GetString() == "MisconductProceedings").GetProperty("end").GetProperty("value").GetString());
        Assert.All(stages, s => Assert.True(s.GetProperty("clock").TryGetProperty("status", out _)));
        Assert.True(detail.GetProperty("caseClock").TryGetProperty("statusText", out _));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("officers")[0].GetProperty("realName").ValueKind);
    }

    [Fact]
    public async Task The_overdue_clocks_answer_with_counts()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));

        var overdue = JsonDocument.Parse(await client.GetStringAsync("/api/v1/clocks/overdue?clock=Inquest")).RootElement;

        Assert.True(overdue.GetProperty("overdueCount").GetInt32() >= 1);
        Assert.All(overdue.GetProperty("page").GetProperty("items").EnumerateArray(), i => Assert.Equal("Inquest", i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_cookie_signed_in_post_needs_the_antiforgery_header_but_a_token_call_does_not()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var page = await Forms.GetAsync(caseworker, "/import");
        var file = Encoding.UTF8.GetBytes(SmallFile("cookie"));

        using var withoutHeader = await caseworker.PostAsync("/api/v1/imports", ApiClient.FileContent("a.json", file));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = ApiClient.FileContent("a.json", file) };
        request.Headers.Add("RequestVerificationToken", Forms.Token(page));
        using var withHeader = await caseworker.SendAsync(request);
        using var script = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        using var withToken = await script.PostAsync("/api/v1/imports", ApiClient.FileContent("a.json", file));

        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Contains("RequestVerificationToken", await withoutHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withToken.StatusCode);
    }

    [Fact]
    public async Task An_import_through_the_api_runs_dry_then_commits_and_a_second_run_changes_nothing()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var file = Encoding.UTF8.GetBytes(SmallFile("api"));

        var first = await RunAsync(client, file);
        var second = await RunAsync(client, file);

        Assert.Equal((3, 0, 0), first);
        Assert.Equal((0, 0, 3), second);
        using var reader = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));
        var list = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/cases?text=api%20import%20case")).RootElement;
        Assert.Equal(3, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_25_MB_upload_gets_a_clear_problem_details_and_nothing_is_stored()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Administrator));
        var jobsBefore = await ApiClient.JobCountAsync(factory);

        using var response = await client.PostAsync("/api/v1/imports", ApiClient.FileContent("big.json", new byte[25 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            "The file is 25.0 MB; imports are limited to 20.0 MB. Split it into smaller files and import them one after another.",
            problem.GetProperty("errors").GetProperty("File")[0].GetString());
        Assert.Equal(jobsBefore, await ApiClient.JobCountAsync(factory));
    }

    [Fact]
    public async Task An_upload_over_the_64_MB_request_limit_is_a_413_problem_details_read_no_further()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Administrator));
        var jobsBefore = await ApiClient.JobCountAsync(factory);

        using var response = await client.PostAsync("/api/v1/imports", ApiClient.FileContent("huge.json", new byte[65 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limited to 20 MB", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await ApiClient.JobCountAsync(factory));
    }

    [Fact]
    public async Task The_openapi_document_is_openapi_3_and_lists_every_api_endpoint_with_responses()
    {
        using var anonymous = factory.CreateAnonymousClient();

        using var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("version").GetString()));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        var paths = document.GetProperty("paths");
        var expected = ApiActions().ToList();
        Assert.Equal(37, expected.Count);
        foreach (var route in new[] { "/api/v1/reports/durations", "/api/v1/exports/durations.{format}", "/api/v1/exports/stages.{format}", "/api/v1/cases/{id}/archive", "/api/v1/analysis/scenarios/{id}", "/api/v1/exports/datapackage.json" })
        {
            Assert.Contains((route == "/api/v1/cases/{id}/archive" ? "POST" : "GET", route), expected);
        }

        Assert.Contains(("POST", "/api/v1/cases"), expected);
        Assert.Contains(("PUT", "/api/v1/cases/{id}"), expected);
        foreach (var (method, route) in expected)
        {
            Assert.True(paths.TryGetProperty(route, out var item), $"{route} is missing from the document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {route} is missing");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.NotEmpty(responses);
            Assert.All(responses, r => Assert.Matches("^([1-5][0-9][0-9]|default)$", r.Name));
            Assert.Contains(responses, r => r.Name == "401");
            Assert.Contains(responses, r => r.Name == "403");
        }

        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/v1/", StringComparison.Ordinal));
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.Contains(operation.Name, OperationNames);
                if (!operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    continue;
                }

                foreach (var parameter in parameters.EnumerateArray())
                {
                    Assert.Contains(parameter.GetProperty("in").GetString(), ParameterLocations);
                    Assert.False(string.IsNullOrEmpty(parameter.GetProperty("name").GetString()));
                    if (parameter.GetProperty("in").GetString() == "path")
                    {
                        Assert.True(parameter.GetProperty("required").GetBoolean());
                        Assert.Contains("{" + parameter.GetProperty("name").GetString() + "}", path.Name, StringComparison.Ordinal);
                    }
                }
            }
        }

        // Every write with a JSON body shows an example body, and every write below a case answers 409 to a stale version.
        foreach (var (method, route) in expected.Where(e => e.Method is "POST" or "PUT"))
        {
            var operation = paths.GetProperty(route).GetProperty(method.ToLowerInvariant());
            if (operation.TryGetProperty("requestBody", out var requestBody) && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
            {
                Assert.True(json.TryGetProperty("example", out var example) && example.ValueKind == JsonValueKind.Object, $"{method} {route} has no example body");
                if (route.StartsWith("/api/v1/cases/{", StringComparison.Ordinal))
                {
                    Assert.True(example.TryGetProperty("version", out _), $"{method} {route}: the example sends no version");
                    Assert.Contains(operation.GetProperty("responses").EnumerateObject(), r => r.Name == "409");
                }
            }
        }

        // And the document is valid OpenAPI as Microsoft.OpenApi reads and validates it.
        var text = await response.Content.ReadAsStringAsync();
        var (parsed, diagnostic) = Microsoft.OpenApi.OpenApiDocument.Parse(text, "json");
        Assert.NotNull(parsed);
        Assert.True(diagnostic is null || diagnostic.Errors.Count == 0, string.Join("; ", diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        var invalid = Microsoft.OpenApi.OpenApiElementExtensions.Validate(parsed, Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(invalid.Count == 0, string.Join("; ", invalid.Select(e => $"{e.Pointer}: {e.Message}")));

        var create = paths.GetProperty("/api/v1/cases").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), create.ToString());
        Assert.Contains(paths.GetProperty("/api/v1/cases/{id}").GetProperty("put").GetProperty("responses").EnumerateObject(), r => r.Name == "409");
        Assert.True(paths.GetProperty("/api/v1/exports/stages.{format}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));

        var upload = paths.GetProperty("/api/v1/imports").GetProperty("post");
        Assert.True(upload.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("multipart/form-data", out _), upload.ToString());
    }

    private async Task<(int Created, int Updated, int Unchanged)> RunAsync(HttpClient client, byte[] file)
    {
        using var started = await client.PostAsync("/api/v1/imports", ApiClient.FileContent("cases.json", file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/imports/{jobId}", started.Headers.Location?.AbsolutePath);
        await ApiClient.WaitForStepsAsync(factory, jobId, 1);

        var preview = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        Assert.Equal("ReadyToImport", preview.GetProperty("status").GetString());
        Assert.True(preview.GetProperty("canConfirm").GetBoolean());
        using var committed = await client.PostAsync($"/api/v1/imports/{jobId}/commit", null);
        Assert.Equal(HttpStatusCode.Accepted, committed.StatusCode);
        await ApiClient.WaitForStepsAsync(factory, jobId, 2);

        var done = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var report = done.GetProperty("report");
        return (report.GetProperty("createCount").GetInt32(), report.GetProperty("updateCount").GetInt32(), report.GetProperty("unchangedCount").GetInt32());
    }

    internal static string SmallFile(string prefix)
    {
        var entries = Enumerable.Range(1, 3).Select(i => new CaseFileEntry
        {
            Id = $"{prefix}-case-{i}",
            Title = $"{prefix} import case {i}",
            IncidentDate = $"2019-0{i}",
            Force = "Kent Police",
            Stages = [new CaseFileStage { Kind = "IopcInvestigation", Label = "IOPC investigation", StartDate = $"2019-0{i}-15", EndDate = "2020", EndPrecision = "year" }],
        });
        return JsonSerializer.Serialize(entries, CaseFile.SerializerOptions);
    }

    /// <summary>Every API action as the OpenAPI document names it: "/api/v1/cases/{id}" for the route "api/v1/cases/{id:int}", "{format}" for "{format:regex(…)}".</summary>
    private IEnumerable<(string Method, string Route)> ApiActions() =>
        factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.ControllerTypeInfo.IsDefined(typeof(ApiControllerAttribute), inherit: true))
            .SelectMany(a => a.ActionConstraints!.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods)
                .Select(m => (m, "/" + System.Text.RegularExpressions.Regex.Replace(a.AttributeRouteInfo!.Template!, "\\{([A-Za-z]+):[^}]*\\}", "{$1}"))));
}
