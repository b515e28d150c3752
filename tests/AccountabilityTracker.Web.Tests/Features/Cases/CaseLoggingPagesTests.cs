using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Cases;

public sealed partial class CaseLoggingPagesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    internal static Dictionary<string, string> ValidCase(string title) => new()
    {
        ["Title"] = title,
        ["Subject"] = "not published",
        ["IncidentDate"] = "2023-04",
        ["IncidentPrecision"] = "Month",
        ["Location"] = "Croydon",
        ["Force"] = "Metropolitan Police Service",
        ["IncidentType"] = "TaserDischarge",
        ["Harm"] = "SeriousInjury",
        ["Category"] = "RoutinePolicing",
    };

    internal static async Task<int> CreateCaseAsync(HttpClient client, string title)
    {
        var form = await Forms.GetAsync(client, "/cases/new");
        var response = await Forms.PostAsync(client, "/cases/new", form, ValidCase(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(CaseLocation().Match(response.Headers.Location!.OriginalString).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string VersionIn(string html) => VersionField().Match(html).Groups["v"].Value;

    internal static string OpenedIn(string html) => WebUtility.HtmlDecode(OpenedField().Match(html).Groups["v"].Value);

    [Fact]
    public async Task A_caseworker_creates_a_case_and_over_posted_fields_change_nothing()
    {
        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var form = await Forms.GetAsync(client, "/cases/new");
        var fields = ValidCase("Taser discharge, Croydon");
        fields["Id"] = "1";
        fields["Reference"] = "ATC-1999-9999";
        fields["CreatedAtUtc"] = "2000-01-01T00:00:00Z";
        fields["CreatedBy"] = "someone-else";
        fields["IsArchived"] = "true";
        fields["Version"] = Guid.Empty.ToString();

        var response = await Forms.PostAsync(client, "/cases/new", form, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking().SingleAsync(c => c.Title == "Taser discharge, Croydon"));
        Assert.NotEqual(1, created.Id);
        Assert.StartsWith("ATC-2023-", created.Reference, StringComparison.Ordinal);
        Assert.False(created.IsArchived);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, created.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, created.Version);
        var actors = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().CaseHistory.Where(h => h.CaseId == created.Id).Select(h => h.Actor).Distinct().ToListAsync());
        Assert.Equal([TestUsers.EmailFor(Roles.Caseworker)], actors);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Taser discharge, Croydon", page, StringComparison.Ordinal);
        Assert.Contains("April 2023", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_posted_with_another_cases_id_changes_only_the_case_in_the_address()
    {
        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var mine = await CreateCaseAsync(client, "Over-post target");
        var other = await CreateCaseAsync(client, "Over-post bystander");
        var form = await Forms.GetAsync(client, $"/cases/{mine}/edit");
        var fields = ValidCase("Over-post target, renamed");
        fields["Version"] = VersionIn(form);
        fields["Id"] = other.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var edited = await Forms.PostAsync(client, $"/cases/{mine}/edit", form, fields);
        var stage = await Forms.PostAsync(client, $"/cases/{mine}/stages/new", form, new()
        {
            ["CaseId"] = other.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Kind"] = "Inquest", ["StartDate"] = "2023-05", ["StartPrecision"] = "Month",
        });

        Assert.True(edited.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await edited.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, stage.StatusCode);
        var titles = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.Id == mine || c.Id == other).OrderBy(c => c.Id).Select(c => c.Title).ToListAsync());
        Assert.Equal(["Over-post target, renamed", "Over-post bystander"], titles);
        var stages = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.Where(x => x.CaseId == mine || x.CaseId == other).Select(x => x.CaseId).ToListAsync());
        Assert.Equal([mine], stages);
    }

    [Fact]
    public async Task A_stage_ending_before_it_starts_is_shown_beside_the_end_date_and_nothing_is_saved()
    {
        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var caseId = await CreateCaseAsync(client, "End before start");
        var form = await Forms.GetAsync(client, $"/cases/{caseId}/stages/new");

        var response = await Forms.PostAsync(client, $"/cases/{caseId}/stages/new", form, new()
        {
            ["Kind"] = "CpsDecision", ["StartDate"] = "2023-06-10", ["StartPrecision"] = "Day", ["EndDate"] = "2023-06-01", ["EndPrecision"] = "Day", ["Outcome"] = "NFA",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<div id=\"EndDate-error\"[^>]*>\\s*<span[^>]*>A stage cannot end before it starts: check the end date.</span>", html);
        Assert.Contains("aria-describedby=\"EndDate-hint EndDate-error EndDate-check\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2023-06-01\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.CountAsync(x => x.CaseId == caseId)));
    }

    [Fact]
    public async Task The_second_of_two_edits_of_a_stage_both_changing_the_outcome_is_shown_with_both_values_and_the_first_survives()
    {
        using var first = await factory.CreateClientForAsync(Roles.Caseworker);
        using var second = await factory.CreateClientForAsync(Roles.Administrator);
        var caseId = await CreateCaseAsync(first, "Concurrent stage edits");
        var add = await Forms.GetAsync(first, $"/cases/{caseId}/stages/new");
        await Forms.PostAsync(first, $"/cases/{caseId}/stages/new", add, new() { ["Kind"] = "IopcInvestigation", ["StartDate"] = "2023-04-20", ["StartPrecision"] = "Day" });
        var stageId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync());
        var path = $"/cases/{caseId}/stages/{stageId}/edit";
        var firstForm = await Forms.GetAsync(first, path);
        var secondForm = await Forms.GetAsync(second, path);
        static Dictionary<string, string> Edit(string form, string outcome) => new()
        {
            ["Version"] = VersionIn(form), ["Opened"] = OpenedIn(form), ["Kind"] = "IopcInvestigation", ["StartDate"] = "2023-04-20", ["StartPrecision"] = "Day",
            ["EndDate"] = "2024-01", ["EndPrecision"] = "Month", ["Outcome"] = outcome,
        };

        var saved = await Forms.PostAsync(first, path, firstForm, Edit(firstForm, "Referred to CPS"));
        var refused = await Forms.PostAsync(second, path, secondForm, Edit(secondForm, "No case to answer"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this stage after you opened it, so nothing was saved yet.", html, StringComparison.Ordinal);
        Assert.Contains("Saved meanwhile by someone else (shown here): “Referred to CPS”. Yours: “No case to answer”.", html, StringComparison.Ordinal);
        var stored = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.AsNoTracking().SingleAsync(x => x.Id == stageId));
        Assert.Equal("Referred to CPS", stored.Outcome);
        Assert.Equal(stored.Version.ToString(), VersionIn(html));
    }

    [Fact]
    public async Task An_archived_case_leaves_the_list_is_hidden_from_caseworkers_and_an_administrator_restores_it()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var caseId = await CreateCaseAsync(caseworker, "Archived via the page");
        var page = await Forms.GetAsync(caseworker, $"/cases/{caseId}");

        var archived = await Forms.PostAsync(caseworker, $"/cases/{caseId}/archive", page, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        Assert.DoesNotContain("Archived via the page", await caseworker.GetStringAsync("/cases"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/cases/{caseId}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/cases/{caseId}/history")).StatusCode);
        var list = await Forms.GetAsync(admin, "/admin/archived-cases");
        Assert.Contains("Archived via the page", list, StringComparison.Ordinal);
        Assert.Contains("This case is archived", await Forms.GetAsync(admin, $"/cases/{caseId}"), StringComparison.Ordinal);

        var restored = await Forms.PostAsync(admin, $"/admin/archived-cases/{caseId}/restore", list, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("Archived via the page", await caseworker.GetStringAsync("/cases?text=Archived"), StringComparison.Ordinal);
        var history = await Forms.GetAsync(caseworker, $"/cases/{caseId}/history");
        Assert.Equal(2, ArchivedChange().Count(history));
    }

    [Fact]
    public async Task The_history_tab_masks_restricted_values_for_a_researcher()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);
        var caseId = await CreateCaseAsync(caseworker, "Masked history");
        var form = await Forms.GetAsync(caseworker, $"/cases/{caseId}/officers/new");
        var added = await Forms.PostAsync(caseworker, $"/cases/{caseId}/officers/new", form, new() { ["Cipher"] = "V53", ["RealName"] = "Ignatius Pemberton", ["UnderAnonymityOrder"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var asResearcher = await Forms.GetAsync(researcher, $"/cases/{caseId}/history");
        var asCaseworker = await Forms.GetAsync(caseworker, $"/cases/{caseId}/history");

        Assert.DoesNotContain("Pemberton", asResearcher, StringComparison.Ordinal);
        Assert.Contains("value hidden for your role", asResearcher, StringComparison.Ordinal);
        Assert.Contains("V53", asResearcher, StringComparison.Ordinal);
        Assert.Contains("Ignatius Pemberton", asCaseworker, StringComparison.Ordinal);
        Assert.Contains(TestUsers.EmailFor(Roles.Caseworker), asResearcher, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_see_no_editing_controls_and_editors_do()
    {
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var caseId = await CasePagesTests.FindCaseIdAsync(researcher, "Chris Kaba");

        var read = await Forms.GetAsync(researcher, $"/cases/{caseId}");
        var write = await Forms.GetAsync(caseworker, $"/cases/{caseId}");

        Assert.DoesNotContain("/edit\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("New case", await Forms.GetAsync(researcher, "/cases"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{caseId}/edit\"", write, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{caseId}/stages/new\"", write, StringComparison.Ordinal);
        Assert.Contains("Archive case", write, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_case_logging_page_has_no_inline_script_or_style_and_labels_every_field()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var caseId = await CasePagesTests.FindCaseIdAsync(admin, "Jermaine Baker");
        var ids = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Stages.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(), await db.Milestones.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(),
                await db.Officers.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(), await db.Sources.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync());
        });

        foreach (var path in new[]
        {
            "/cases/new", $"/cases/{caseId}", $"/cases/{caseId}/edit", $"/cases/{caseId}/history", $"/cases/{caseId}/stages/new",
            $"/cases/{caseId}/stages/{ids.Item1}/edit", $"/cases/{caseId}/stages/{ids.Item1}/close", $"/cases/{caseId}/milestones/new",
            $"/cases/{caseId}/milestones/{ids.Item2}/edit", $"/cases/{caseId}/officers/new", $"/cases/{caseId}/officers/{ids.Item3}/edit",
            $"/cases/{caseId}/sources/new", $"/cases/{caseId}/sources/{ids.Item4}/edit", "/admin/archived-cases",
        })
        {
            var html = await Forms.GetAsync(admin, path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
            foreach (Match form in RecordForm().Matches(html))
            {
                Assert.True(form.Value.Contains(Forms.TokenField, StringComparison.Ordinal), $"{path}: a form posts without its antiforgery token.");
            }

            foreach (Match input in FieldId().Matches(html))
            {
                Assert.True(html.Contains($"for=\"{input.Groups["id"].Value}\"", StringComparison.Ordinal), $"{path}: field {input.Groups["id"].Value} has no label.");
            }
        }
    }

    [GeneratedRegex("<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex RecordForm();

    [GeneratedRegex("^/cases/(?<id>\\d+)")]
    private static partial Regex CaseLocation();

    [GeneratedRegex("name=\"Version\" value=\"(?<v>[^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"Opened\" value=\"(?<v>[^\"]*)\"")]
    private static partial Regex OpenedField();

    [GeneratedRegex(": Archived <span")]
    private static partial Regex ArchivedChange();

    [GeneratedRegex("<(?:input|select|textarea)(?![^>]*type=\"hidden\")[^>]*\\bid=\"(?<id>[^\"]+)\"")]
    private static partial Regex FieldId();
}
