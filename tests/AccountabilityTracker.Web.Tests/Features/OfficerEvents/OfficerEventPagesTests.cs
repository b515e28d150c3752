using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.OfficerEvents;

/// <summary>Officer events on the case page (one form pattern), in the API's case read model and through its one POST.</summary>
public sealed class OfficerEventPagesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task A_caseworker_records_an_event_on_the_case_page_and_a_researcher_sees_it_with_the_name_masked()
    {
        var caseId = await ApiClient.CreateCaseAsync(factory, "Officer events page");
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var token = await Forms.GetAsync(caseworker, $"/cases/{caseId}/officers/new");
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/officers/new", token, new() { ["RealName"] = "Hidden Person" });
        var officerId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Officers.Where(o => o.CaseId == caseId).Select(o => o.Id).SingleAsync());

        var form = await Forms.GetAsync(caseworker, $"/cases/{caseId}/officer-events/new?officerId={officerId}");
        Assert.Contains("Hidden Person", form, StringComparison.Ordinal);
        using var refused = await Forms.PostAsync(caseworker, $"/cases/{caseId}/officer-events/new", form, new()
        {
            ["OfficerId"] = officerId.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Arrested", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day", ["EndDate"] = "2023-06-01", ["EndPrecision"] = "Day",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("<div id=\"EndDate-error\"[^>]*>\\s*<span[^>]*>Only a suspension or restricted duties has an end date", await refused.Content.ReadAsStringAsync());

        using var saved = await Forms.PostAsync(caseworker, $"/cases/{caseId}/officer-events/new", form, new()
        {
            ["OfficerId"] = officerId.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Suspended", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day", ["Notes"] = "Suspended on full pay",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var asCaseworker = await Forms.GetAsync(caseworker, $"/cases/{caseId}");
        Assert.Contains("Suspended on full pay", asCaseworker, StringComparison.Ordinal);
        Assert.Contains("still running", asCaseworker, StringComparison.Ordinal);
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);
        var asResearcher = await Forms.GetAsync(researcher, $"/cases/{caseId}");
        Assert.Contains("Suspended on full pay", asResearcher, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", asResearcher, StringComparison.Ordinal);
        var timeline = await researcher.GetStringAsync($"/cases/{caseId}/timeline.json");
        Assert.Contains("\"OfficerEvent\"", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", timeline, StringComparison.Ordinal);

        using var forbidden = await researcher.GetAsync($"/cases/{caseId}/officer-events/new");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_api_reads_events_with_the_case_and_records_one_refusing_bad_input_with_problem_details()
    {
        var caseId = await ApiClient.CreateCaseAsync(factory, "Officer events API");
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var token = await Forms.GetAsync(caseworker, $"/cases/{caseId}/officers/new");
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/officers/new", token, new() { ["Cipher"] = "W80" });
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var officerId = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases/{caseId}")).RootElement.GetProperty("officers")[0].GetProperty("id").GetInt32();

        using var bad = await api.PostAsync($"/api/v1/cases/{caseId}/officer-events", JsonContent.Create(new { officerId, kind = "Charged", date = "2024-02-30" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("Date", out _));

        using var created = await api.PostAsync($"/api/v1/cases/{caseId}/officer-events", JsonContent.Create(new { officerId, kind = "RestrictedDuties", date = "2023-06", datePrecision = "Month", endDate = "2023-09-01" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var researcherApi = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));
        var read = JsonDocument.Parse(await researcherApi.GetStringAsync($"/api/v1/cases/{caseId}")).RootElement.GetProperty("officerEvents");
        var only = Assert.Single(read.EnumerateArray());
        Assert.Equal(("W80", "RestrictedDuties", true, false), (only.GetProperty("officer").GetString(), only.GetProperty("kind").GetString(), only.GetProperty("isPeriod").GetBoolean(), only.GetProperty("isRunning").GetBoolean()));
        using var forbidden = await researcherApi.PostAsync($"/api/v1/cases/{caseId}/officer-events", JsonContent.Create(new { officerId, kind = "Charged", date = "2024-02-01" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
