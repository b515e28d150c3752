using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Research;

public sealed class ResearchPagesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task An_archived_cases_page_and_timeline_are_hidden_from_everyone_but_administrators()
    {
        var archivedId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var now = DateTime.UtcNow;
            var archived = Case.Open("ATC-2018-0990", new CaseParticulars("Archived research case", "not published", PartialDate.OnDay(2018, 5, 1), null, "Hull", "Humberside Police", IncidentType.Pursuit, Harm.Fatal, OperationCategory.RoutinePolicing, null), now);
            archived.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(2018, 5, 2), null, null, now);
            archived.Archive(now);
            db.Cases.Add(archived);
            await db.SaveChangesAsync();
            return archived.Id;
        });
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);
        using var administrator = await factory.CreateClientForAsync(Roles.Administrator);

        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync($"/cases/{archivedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync($"/cases/{archivedId}/timeline.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/cases/{archivedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/cases/{archivedId}/timeline.json")).StatusCode);
    }

    [Fact]
    public async Task The_timeline_json_carries_every_dated_stage_and_milestone_with_their_sources()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var kaba = await CaseIdAsync("chris-kaba-2022");

        using var response = await client.GetAsync($"/cases/{kaba}/timeline.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        var (stages, milestones) = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Stages.CountAsync(st => st.CaseId == kaba), await db.Milestones.CountAsync(m => m.CaseId == kaba));
        });
        Assert.Equal(stages, items.Count(i => i.GetProperty("type").GetString() == "Stage"));
        Assert.Equal(milestones, items.Count(i => i.GetProperty("type").GetString() == "Milestone"));
        Assert.All(items.Where(i => i.GetProperty("type").GetString() is "Stage" or "Milestone"), i => Assert.NotEmpty(i.GetProperty("sources").EnumerateArray()));
        var charge = items.Single(i => i.GetProperty("kindName").GetString() == "CPS charging decision");
        // The CPS stage runs from the file's arrival from the IOPC (30 Mar 2023) to the charge (20 Sep 2023).
        Assert.Equal("2023-03-30", charge.GetProperty("start").GetProperty("earliest").GetString());
        Assert.Equal("2022-09-05", json.RootElement.GetProperty("incident").GetProperty("iso").GetString());
    }

    [Fact]
    public async Task A_missing_case_has_no_timeline()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        using var response = await client.GetAsync("/cases/987654/timeline.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Restricted_fields_never_reach_a_researcher_through_the_timeline_compare_or_search()
    {
        var caseId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var now = DateTime.UtcNow;
            var restricted = Case.Open("ATC-2024-0951", new CaseParticulars("Restricted timeline case", "not published", PartialDate.OnDay(2024, 1, 2), null, "Leeds", "West Yorkshire Police", IncidentType.Restraint, Harm.SeriousInjury, OperationCategory.RoutinePolicing, null), now);
            restricted.AddOfficer("Q7", "Ophelia Quagmire", true, null, now);
            restricted.RecordConfidentialNotes("Told in confidence: kumquat", now);
            restricted.AddStage(StageKind.IopcInvestigation, "IOPC investigation", PartialDate.OnDay(2024, 1, 3), null, null, now);
            db.Cases.Add(restricted);
            await db.SaveChangesAsync();
            return restricted.Id;
        });
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);

        foreach (var path in new[] { $"/cases/{caseId}/timeline.json", $"/compare?ids={caseId}", $"/compare.json?ids={caseId}" })
        {
            var body = await researcher.GetStringAsync(path);
            Assert.Contains("Restricted timeline case", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Quagmire", body, StringComparison.Ordinal);
            Assert.DoesNotContain("kumquat", body, StringComparison.Ordinal);
        }

        // Searching by the real name finds nothing: only ciphers are searched.
        var list = await researcher.GetStringAsync("/cases?text=Quagmire");
        Assert.Contains("0 cases found", list, StringComparison.Ordinal);
        Assert.Contains("Restricted timeline case", await researcher.GetStringAsync("/cases?text=q7"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_counts_days_from_each_incident()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var kaba = await CaseIdAsync("chris-kaba-2022");
        var baker = await CaseIdAsync("jermaine-baker-2015");

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/compare.json?ids={baker}&ids={kaba}"));

        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal([baker, kaba], cases.Select(c => c.GetProperty("id").GetInt32()));
        var charge = cases[1].GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("kindName").GetString() == "CPS charging decision");
        Assert.Equal(206, charge.GetProperty("startOffset").GetProperty("shortest").GetInt32());
        Assert.Equal(380, charge.GetProperty("endOffset").GetProperty("shortest").GetInt32());
        Assert.Equal("380 days", charge.GetProperty("endOffset").GetProperty("text").GetString());
        var review = cases[0].GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("kindName").GetString() == "Judicial review");
        Assert.False(review.GetProperty("startOffset").GetProperty("isExact").GetBoolean());
        Assert.StartsWith("about ", review.GetProperty("startOffset").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compare_page_keeps_the_selection_in_its_address_and_says_what_was_left_out()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var kaba = await CaseIdAsync("chris-kaba-2022");

        var html = await client.GetStringAsync($"/compare?ids={kaba}&ids=987654");

        Assert.Contains($"data-timeline-url=\"/compare.json?ids={kaba}\"", html, StringComparison.Ordinal);
        Assert.Contains("One case was not found (or is archived) and is left out.", html, StringComparison.Ordinal);
        Assert.Contains("compare-table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_cases_to_compare_is_a_400_naming_the_limit()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        using var response = await client.GetAsync("/compare?" + string.Join("&", Enumerable.Range(1, 9).Select(i => $"ids={i}")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Compare at most 8 cases at a time.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Research_pages_have_no_inline_script_or_style()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var kaba = await CaseIdAsync("chris-kaba-2022");
        var baker = await CaseIdAsync("jermaine-baker-2015");

        foreach (var path in new[] { "/cases?clockStatus=Overdue&sort=TitleDescending&yearFrom=2010", $"/cases/{kaba}", $"/compare?ids={kaba}&ids={baker}", "/compare" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_timeline_libraries_are_served_by_the_app()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        foreach (var path in new[] { "/lib/vis-timeline/vis-timeline-graph2d.min.js", "/lib/vis-timeline/vis-timeline-graph2d.min.css", "/lib/vis-timeline/vis-data.min.js", "/lib/vis-timeline/moment.min.js", "/js/timeline.js", "/css/timeline.css" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
        }
    }

    [Theory]
    [InlineData("clockStatus=Overdue&sort=Reference", "ATC-2015-0001,ATC-2022-0001")]
    [InlineData("clockStatus=ConcludedLate&sort=Reference", "ATC-2015-0001,ATC-2022-0001")]
    public async Task The_list_filters_by_clock_status(string query, string expected)
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases?text=fatal&" + query);

        var references = System.Text.RegularExpressions.Regex.Matches(html, "<td class=\"text-nowrap case-reference\">([^<]+)</td>").Select(m => m.Groups[1].Value);
        Assert.Equal(expected.Split(','), references);
    }

    private Task<int> CaseIdAsync(string externalId) => factory.WithServicesAsync(s =>
        s.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync());
}
