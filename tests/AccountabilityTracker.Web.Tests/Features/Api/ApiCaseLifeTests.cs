using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>The app on Kestrel (a real port on 127.0.0.1), called as a script calls it: over real HTTP with a token only.</summary>
public sealed class KestrelApp : IDisposable
{
    public KestrelApp()
    {
        App.Settings["Security:HttpsRedirection"] = "false";
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public TrackerAppFactory App { get; } = new();

    public Uri BaseAddress { get; }

    /// <summary>A plain HttpClient (no test server, no cookies) carrying a fresh token of a user of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(string role)
    {
        var token = await ApiClient.IssueTokenAsync(App, role);
#pragma warning disable CA2000 // The handler is owned by the client, which the caller disposes.
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = BaseAddress };
#pragma warning restore CA2000
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Acceptance 6 of issue 14: a whole case through its life with a token, over real HTTP: create, edit, add a stage, a
/// milestone, an officer and sources, edit each, pause, resume, extend and close the stage, archive, restore. Every write
/// is first sent with a stale version and gets 409 with the record as stored now, and that changes nothing.
/// </summary>
public sealed class ApiCaseLifeTests(KestrelApp kestrel) : IClassFixture<KestrelApp>
{
    private TrackerAppFactory Factory => kestrel.App;

    [Fact]
    public async Task A_case_goes_through_its_whole_life_with_a_token_and_every_write_refuses_a_stale_version()
    {
        using var caseworker = await kestrel.ClientAsync(Roles.Caseworker);

        using var created = await caseworker.PostAsync("/api/v1/cases", JsonContent.Create(ApiClient.CaseBody("Whole life through the API")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();
        var v0 = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();

        // The case itself: an edit makes v0 stale for every write that carries the case's version.
        await SendAsync(caseworker, HttpMethod.Put, $"/api/v1/cases/{id}", WithVersion(ApiClient.CaseBody("Whole life, edited"), v0), HttpStatusCode.NoContent);
        var v1 = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();
        Assert.NotEqual(v0, v1);
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}", v => WithVersion(ApiClient.CaseBody("Whole life, edited again"), v), v0, v1, HttpStatusCode.NoContent);
        v1 = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}/status", v => new() { ["status"] = "Awaiting", ["note"] = "IOPC to decide", ["version"] = v }, v0, v1, HttpStatusCode.NoContent);
        v1 = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();

        // Additions carry the case's version.
        var stageId = await AddAsync(caseworker, id, "stages", v => new() { ["version"] = v, ["kind"] = "IopcInvestigation", ["startDate"] = "2021-03-08", ["sourceUrl"] = "https://example.org/iopc-referral", ["sourcePublisher"] = "IOPC" }, v0, v1);
        var milestoneId = await AddAsync(caseworker, id, "milestones", v => new() { ["version"] = v, ["label"] = "Officer arrested", ["date"] = "2021-04", ["datePrecision"] = "Month", ["sourceUrl"] = "https://example.org/arrest" }, v0, v1);
        var officerId = await AddAsync(caseworker, id, "officers", v => new() { ["version"] = v, ["cipher"] = "ZX9", ["underAnonymityOrder"] = true }, v0, v1);
        var sourceId = await AddAsync(caseworker, id, "sources", v => new() { ["version"] = v, ["attachTo"] = $"milestone-{milestoneId}", ["sourceUrl"] = "https://example.org/charge", ["sourcePublishedOn"] = "2021-04-03" }, v0, v1);
        await AddAsync(caseworker, id, "sources", v => new() { ["version"] = v, ["attachTo"] = $"stage-{stageId}", ["sourceUrl"] = "https://example.org/terms-of-reference" }, v0, v1);

        var read = await ReadAsync(caseworker, id);
        var stage = Single(read.GetProperty("stages"), stageId);
        Assert.Equal("running", stage.GetProperty("endState").GetString());
        Assert.Equal(2, stage.GetProperty("sources").GetArrayLength());
        var milestone = Single(read.GetProperty("milestones"), milestoneId);
        Assert.Equal(2, milestone.GetProperty("sources").GetArrayLength());
        var officer = Single(read.GetProperty("officers"), officerId);
        Assert.Equal("ZX9", officer.GetProperty("cipher").GetString());
        var source = Single(milestone.GetProperty("sources"), sourceId);

        // Edits carry the record's own version: the first edit makes the version read stale.
        var s1 = stage.GetProperty("version").GetGuid();
        Dictionary<string, object?> StageBody(Guid v, string label) => new() { ["version"] = v, ["kind"] = "IopcInvestigation", ["label"] = label, ["startDate"] = "2021-03-08" };
        await SendAsync(caseworker, HttpMethod.Put, $"/api/v1/cases/{id}/stages/{stageId}", StageBody(s1, "IOPC independent investigation"), HttpStatusCode.NoContent);
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}/stages/{stageId}", v => StageBody(v, "IOPC investigation (renamed)"), s1, StageVersion(await ReadAsync(caseworker, id), stageId), HttpStatusCode.NoContent);

        var m1 = milestone.GetProperty("version").GetGuid();
        Dictionary<string, object?> MilestoneBody(Guid v, string label) => new() { ["version"] = v, ["label"] = label, ["date"] = "2021-04", ["datePrecision"] = "Month" };
        await SendAsync(caseworker, HttpMethod.Put, $"/api/v1/cases/{id}/milestones/{milestoneId}", MilestoneBody(m1, "Officer arrested on suspicion of murder"), HttpStatusCode.NoContent);
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}/milestones/{milestoneId}", v => MilestoneBody(v, "Officer arrested (renamed)"), m1, Single((await ReadAsync(caseworker, id)).GetProperty("milestones"), milestoneId).GetProperty("version").GetGuid(), HttpStatusCode.NoContent);

        var o1 = officer.GetProperty("version").GetGuid();
        Dictionary<string, object?> OfficerBody(Guid v, bool order) => new() { ["version"] = v, ["cipher"] = "ZX9", ["underAnonymityOrder"] = order };
        await SendAsync(caseworker, HttpMethod.Put, $"/api/v1/cases/{id}/officers/{officerId}", OfficerBody(o1, order: false), HttpStatusCode.NoContent);
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}/officers/{officerId}", v => OfficerBody(v, order: true), o1, Single((await ReadAsync(caseworker, id)).GetProperty("officers"), officerId).GetProperty("version").GetGuid(), HttpStatusCode.NoContent);

        var r1 = source.GetProperty("version").GetGuid();
        Dictionary<string, object?> SourceBody(Guid v, string publisher) => new() { ["version"] = v, ["attachTo"] = $"milestone-{milestoneId}", ["sourceUrl"] = "https://example.org/charge", ["sourcePublisher"] = publisher };
        await SendAsync(caseworker, HttpMethod.Put, $"/api/v1/cases/{id}/sources/{sourceId}", SourceBody(r1, "CPS"), HttpStatusCode.NoContent);
        var milestoneNow = Single((await ReadAsync(caseworker, id)).GetProperty("milestones"), milestoneId);
        await StaleThenAsync(caseworker, id, HttpMethod.Put, $"/api/v1/cases/{id}/sources/{sourceId}", v => SourceBody(v, "Crown Prosecution Service"), r1, Single(milestoneNow.GetProperty("sources"), sourceId).GetProperty("version").GetGuid(), HttpStatusCode.NoContent);

        // The stage's clock: each action changes the stage's version, so the one before is stale for the next.
        var clock = $"/api/v1/cases/{id}/stages/{stageId}";
        var before = StageVersion(await ReadAsync(caseworker, id), stageId);
        var stale = s1;
        foreach (var (path, body, status) in new (string, Func<Guid, Dictionary<string, object?>>, HttpStatusCode)[]
        {
            ($"{clock}/pauses", v => new() { ["version"] = v, ["from"] = "2021-09-01", ["reason"] = "Suspended at the CPS's request" }, HttpStatusCode.Created),
            ($"{clock}/resume", v => new() { ["version"] = v, ["on"] = "2022-01-10" }, HttpStatusCode.NoContent),
            ($"{clock}/extensions", v => new() { ["version"] = v, ["grantedOn"] = "2022-02-01", ["newAmount"] = 18, ["newUnit"] = "Months", ["reason"] = "Expert evidence outstanding" }, HttpStatusCode.Created),
            ($"{clock}/close", v => new() { ["version"] = v, ["endDate"] = "2022-06", ["endPrecision"] = "Month", ["outcome"] = "File referred to the CPS" }, HttpStatusCode.NoContent),
        })
        {
            await StaleThenAsync(caseworker, id, HttpMethod.Post, path, body, stale, before, status);
            stale = before;
            before = StageVersion(await ReadAsync(caseworker, id), stageId);
            Assert.NotEqual(stale, before);
        }

        var clockRead = JsonDocument.Parse(await caseworker.GetStringAsync($"{clock}/clock")).RootElement;
        Assert.Equal("2021-09-01", clockRead.GetProperty("pauses")[0].GetProperty("from").GetString());
        Assert.Equal("2022-01-10", clockRead.GetProperty("pauses")[0].GetProperty("to").GetString());
        Assert.Equal(1, clockRead.GetProperty("extensions").GetArrayLength());
        var closed = Single((await ReadAsync(caseworker, id)).GetProperty("stages"), stageId);
        Assert.Equal("ended", closed.GetProperty("endState").GetString());
        Assert.Equal("File referred to the CPS", closed.GetProperty("outcome").GetString());

        // Archive (case's version), then an administrator restores it (the archived case's version).
        var beforeArchive = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();
        await StaleThenAsync(caseworker, id, HttpMethod.Post, $"/api/v1/cases/{id}/archive", v => new() { ["version"] = v }, v0, beforeArchive, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/api/v1/cases/{id}")).StatusCode);

        // Every change so far is attributed to the token's owner.
        var actors = await Factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().CaseHistory.Where(h => h.CaseId == id).Select(h => h.Actor).Distinct().ToListAsync());
        Assert.Equal([TestUsers.EmailFor(Roles.Caseworker)], actors);

        using var administrator = await kestrel.ClientAsync(Roles.Administrator);
        var archived = (await ReadAsync(administrator, id)).GetProperty("version").GetGuid();
        Assert.True((await ReadAsync(administrator, id)).GetProperty("isArchived").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsync($"/api/v1/cases/{id}/restore", JsonContent.Create(new { version = archived }))).StatusCode);
        await StaleThenAsync(administrator, id, HttpMethod.Post, $"/api/v1/cases/{id}/restore", v => new() { ["version"] = v }, beforeArchive, archived, HttpStatusCode.NoContent);
        Assert.False((await ReadAsync(caseworker, id)).GetProperty("isArchived").GetBoolean());
    }

    [Fact]
    public async Task A_write_without_a_version_is_refused_beside_the_field_and_bad_fields_are_the_forms_messages()
    {
        using var caseworker = await kestrel.ClientAsync(Roles.Caseworker);
        using var created = await caseworker.PostAsync("/api/v1/cases", JsonContent.Create(ApiClient.CaseBody("Versionless writes")));
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();
        var version = (await ReadAsync(caseworker, id)).GetProperty("version").GetGuid();
        var history = await HistoryCountAsync(id);

        using var versionless = await caseworker.PostAsync($"/api/v1/cases/{id}/stages", JsonContent.Create(new { kind = "Inquest", startDate = "2021-05" , startPrecision = "Month" }));
        using var future = await caseworker.PostAsync($"/api/v1/cases/{id}/stages", JsonContent.Create(new { version, kind = "Inquest", startDate = "2031-01-01" }));
        using var badSource = await caseworker.PostAsync($"/api/v1/cases/{id}/sources", JsonContent.Create(new { version, sourceUrl = "javascript:alert(1)" }));
        using var archiveVersionless = await caseworker.PostAsync($"/api/v1/cases/{id}/archive", JsonContent.Create(new { }));
        using var unknownStage = await caseworker.PostAsync($"/api/v1/cases/{id}/stages/999999/pauses", JsonContent.Create(new { version, from = "2021-06-01", reason = "None" }));

        Assert.Equal(HttpStatusCode.BadRequest, versionless.StatusCode);
        Assert.True((await JsonAsync(versionless)).GetProperty("errors").TryGetProperty("Version", out _));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await JsonAsync(future)).GetProperty("errors").TryGetProperty("StartDate", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badSource.StatusCode);
        Assert.True((await JsonAsync(badSource)).GetProperty("errors").TryGetProperty("SourceUrl", out _));
        Assert.Equal(HttpStatusCode.BadRequest, archiveVersionless.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStage.StatusCode);
        Assert.Equal(history, await HistoryCountAsync(id));
    }

    /// <summary>Sends the write with <paramref name="stale"/> (409, the record as stored now, nothing changed), then with <paramref name="current"/>.</summary>
    private async Task StaleThenAsync(HttpClient client, int caseId, HttpMethod method, string path, Func<Guid, Dictionary<string, object?>> body, Guid stale, Guid? current, HttpStatusCode expected)
    {
        var history = await HistoryCountAsync(caseId);
        using (var refused = await SendRawAsync(client, method, path, body(stale)))
        {
            Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{method} {path} with a stale version: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await JsonAsync(refused);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(string.Empty)[0].GetString()));
            Assert.True(problem.TryGetProperty("current", out var stored), $"{method} {path}: no current state in {problem}");
            Assert.Equal(problem.GetProperty("currentVersion").GetGuid(), stored.GetProperty("version").GetGuid());
            if (current is { } known)
            {
                Assert.Equal(known, problem.GetProperty("currentVersion").GetGuid());
            }
        }

        Assert.Equal(history, await HistoryCountAsync(caseId));
        if (current is { } version)
        {
            await SendAsync(client, method, path, body(version), expected);
        }
    }

    private async Task<int> AddAsync(HttpClient client, int caseId, string part, Func<Guid, Dictionary<string, object?>> body, Guid stale, Guid current)
    {
        var path = $"/api/v1/cases/{caseId}/{part}";
        await StaleThenAsync(client, caseId, HttpMethod.Post, path, body, stale, null, HttpStatusCode.Created);
        using var response = await SendRawAsync(client, HttpMethod.Post, path, body(current));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal($"/api/v1/cases/{caseId}", response.Headers.Location?.OriginalString);
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, Dictionary<string, object?> body, HttpStatusCode expected)
    {
        using var response = await SendRawAsync(client, method, path, body);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string path, Dictionary<string, object?> body)
    {
#pragma warning disable CA2000 // The request is sent once; its content is disposed with the response.
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
#pragma warning restore CA2000
        return client.SendAsync(request);
    }

    private static Dictionary<string, object?> WithVersion(Dictionary<string, object?> body, Guid version)
    {
        body["version"] = version;
        return body;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, int id) => JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static JsonElement Single(JsonElement items, int id) => items.EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == id);

    private static Guid StageVersion(JsonElement read, int stageId) => Single(read.GetProperty("stages"), stageId).GetProperty("version").GetGuid();

    private Task<int> HistoryCountAsync(int caseId) =>
        Factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().CaseHistory.CountAsync(h => h.CaseId == caseId));
}
