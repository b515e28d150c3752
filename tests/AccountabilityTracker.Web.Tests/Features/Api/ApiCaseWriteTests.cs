using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>Creating, editing and archiving cases through /api/v1: the same commands, rules and concurrency check as the case form.</summary>
public sealed class ApiCaseWriteTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task A_create_with_bad_fields_is_a_problem_details_naming_them_and_stores_nothing()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var before = await CaseCountAsync();
        var body = ApiClient.CaseBody(string.Empty);
        body["force"] = "Atlantis Constabulary";
        body["incidentTime"] = "25:99";

        using var response = await client.PostAsync("/api/v1/cases", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.StartsWith("Give the case a title", errors.GetProperty("Title")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Choose a force from the list.", errors.GetProperty("Force")[0].GetString());
        Assert.True(errors.TryGetProperty("IncidentTime", out _));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_a_case_is_a_400_problem_details_and_stores_nothing()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var before = await CaseCountAsync();
        var body = ApiClient.CaseBody("Wrong enum");
        body["harm"] = "Catastrophic";

        using var badEnum = await client.PostAsync("/api/v1/cases", JsonContent.Create(body));
        using var notJson = await client.PostAsync("/api/v1/cases", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        Assert.Equal("application/problem+json", badEnum.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task A_created_case_round_trips_through_get()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));

        using var created = await client.PostAsync("/api/v1/cases", JsonContent.Create(ApiClient.CaseBody("Round trip restraint death")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = result.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/cases/{id}", created.Headers.Location?.AbsolutePath);
        Assert.Equal($"/api/v1/cases/{id}", result.GetProperty("url").GetString());
        Assert.Matches("^ATC-2021-[0-9]{4}$", result.GetProperty("reference").GetString());

        var read = JsonDocument.Parse(await client.GetStringAsync(created.Headers.Location)).RootElement;
        Assert.Equal(id, read.GetProperty("id").GetInt32());
        Assert.Equal(result.GetProperty("reference").GetString(), read.GetProperty("reference").GetString());
        Assert.Equal("Round trip restraint death", read.GetProperty("title").GetString());
        Assert.Equal("not published", read.GetProperty("subject").GetString());
        Assert.Equal("2021-03-04", read.GetProperty("incidentDate").GetProperty("value").GetString());
        Assert.Equal("Day", read.GetProperty("incidentDate").GetProperty("precision").GetString());
        Assert.StartsWith("18:52", read.GetProperty("incidentTime").GetString(), StringComparison.Ordinal);
        Assert.Equal("Leeds", read.GetProperty("location").GetString());
        Assert.Equal("West Yorkshire Police", read.GetProperty("force").GetString());
        Assert.Equal("Restraint", read.GetProperty("incidentType").GetString());
        Assert.Equal("Fatal", read.GetProperty("harm").GetString());
        Assert.Equal("RoutinePolicing", read.GetProperty("category").GetString());
        Assert.Equal("Created through the API.", read.GetProperty("summary").GetString());
        Assert.Equal("Family contact via solicitor.", read.GetProperty("confidentialNotes").GetString());
        Assert.False(read.GetProperty("isArchived").GetBoolean());
        Assert.NotEqual(Guid.Empty, read.GetProperty("version").GetGuid());
    }

    [Fact]
    public async Task An_edit_with_a_stale_version_gets_409_saying_what_changed_and_the_first_edit_survives()
    {
        var id = await ApiClient.CreateCaseAsync(factory, "Concurrency case");
        using var first = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        using var second = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Administrator));
        var opened = await VersionAsync(first, id);

        using var saved = await first.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(EditBody("First edit wins", opened)));
        using var stale = await second.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(EditBody("Second edit is stale", opened)));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("Saved meanwhile by someone else (shown here): “First edit wins”. Yours: “Second edit is stale”.", problem.GetProperty("errors").GetProperty("Title")[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("errors").TryGetProperty("Force", out _));
        var current = await VersionAsync(first, id);
        Assert.NotEqual(opened, current);
        Assert.Equal(current, problem.GetProperty("currentVersion").GetGuid());
        Assert.Equal("First edit wins", JsonDocument.Parse(await first.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("title").GetString());

        // Sending the current version back is the deliberate overwrite.
        using var overwrite = await second.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(EditBody("Second edit, deliberately", current)));
        Assert.Equal(HttpStatusCode.NoContent, overwrite.StatusCode);
    }

    [Fact]
    public async Task An_edit_without_a_version_is_refused_beside_the_field_and_an_unknown_case_is_404()
    {
        var id = await ApiClient.CreateCaseAsync(factory, "Versionless edit");
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));

        using var versionless = await client.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(ApiClient.CaseBody("No version")));
        using var missing = await client.PutAsync("/api/v1/cases/999999", JsonContent.Create(EditBody("Nobody", Guid.NewGuid())));

        Assert.Equal(HttpStatusCode.BadRequest, versionless.StatusCode);
        Assert.True(JsonDocument.Parse(await versionless.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("Version", out _));
        Assert.Equal("Versionless edit", JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Over_posted_id_reference_timestamps_and_archive_flag_change_nothing()
    {
        var other = await ApiClient.CreateCaseAsync(factory, "Bystander case");
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var bystanderBefore = await StoredAsync(other);
        var body = ApiClient.CaseBody("Over-posted create");
        body["id"] = other;
        body["reference"] = "ATC-1999-9999";
        body["createdAtUtc"] = "2000-01-01T00:00:00Z";
        body["updatedAtUtc"] = "2000-01-01T00:00:00Z";
        body["isArchived"] = true;
        body["externalId"] = "hijack";

        using var created = await client.PostAsync("/api/v1/cases", JsonContent.Create(body));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var afterCreate = await StoredAsync(id);
        var edit = new Dictionary<string, object?>(body, StringComparer.Ordinal) { ["title"] = "Over-posted edit", ["version"] = await VersionAsync(client, id) };
        using var edited = await client.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(edit));
        var afterEdit = await StoredAsync(id);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotEqual(other, id);
        Assert.Matches("^ATC-2021-[0-9]{4}$", afterCreate.Reference);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, afterCreate.CreatedAtUtc);
        Assert.False(afterCreate.IsArchived);
        Assert.Null(afterCreate.ExternalId);
        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        Assert.Equal("Over-posted edit", afterEdit.Title);
        Assert.Equal(afterCreate.Reference, afterEdit.Reference);
        Assert.Equal(afterCreate.CreatedAtUtc, afterEdit.CreatedAtUtc);
        Assert.False(afterEdit.IsArchived);
        Assert.Null(afterEdit.ExternalId);
        Assert.Equal(bystanderBefore, await StoredAsync(other));
    }

    [Fact]
    public async Task Archiving_answers_204_then_the_case_is_gone_from_the_api_and_a_second_archive_is_404()
    {
        var id = await ApiClient.CreateCaseAsync(factory, "Case to archive");
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));

        var version = await VersionAsync(client, id);

        using var archived = await client.PostAsync($"/api/v1/cases/{id}/archive", JsonContent.Create(new { version }));
        using var read = await client.GetAsync($"/api/v1/cases/{id}");
        using var again = await client.PostAsync($"/api/v1/cases/{id}/archive", JsonContent.Create(new { version }));

        Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.True((await StoredAsync(id)).IsArchived);
    }

    private static Dictionary<string, object?> EditBody(string title, Guid version)
    {
        var body = ApiClient.CaseBody(title);
        body["version"] = version;
        return body;
    }

    private static async Task<Guid> VersionAsync(HttpClient client, int id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("version").GetGuid();

    private Task<int> CaseCountAsync() => factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.CountAsync());

    private Task<Stored> StoredAsync(int id) => factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking()
        .Where(c => c.Id == id)
        .Select(c => new Stored(c.Title, c.Reference, c.ExternalId, c.CreatedAtUtc, c.IsArchived, c.Version))
        .SingleAsync());

    private sealed record Stored(string Title, string Reference, string? ExternalId, DateTime CreatedAtUtc, bool IsArchived, Guid Version);
}
