using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Research;

/// <summary>Pages show coded values in words (one place: Web/Infrastructure/DisplayNames); codes stay in exports and the API.</summary>
public sealed class WordsForPeopleTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task The_report_names_its_grouping_and_filters_in_words()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);

        var html = await client.GetStringAsync("/reports/durations?groupBy=StageKind&stageKind=MisconductProceedings&incidentType=Shooting");

        Assert.Contains(">Stage kind</option>", html, StringComparison.Ordinal);
        Assert.Contains(">Incident year</option>", html, StringComparison.Ordinal);
        Assert.Contains("By stage kind</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Filters: incident type Shooting; stage kind Misconduct proceedings.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">StageKind<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stageKind=MisconductProceedings.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_shows_a_changed_harm_in_words_and_the_audit_names_its_events_in_words()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var id = await CaseLoggingPagesTests.CreateCaseAsync(caseworker, "Words for people");
        var form = await Forms.GetAsync(caseworker, $"/cases/{id}/edit");
        var fields = CaseLoggingPagesTests.ValidCase("Words for people");
        fields["Harm"] = "SeriousInjury";
        fields["Version"] = CaseLoggingPagesTests.VersionIn(form);
        await Forms.PostAsync(caseworker, $"/cases/{id}/edit", form, fields);
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);

        var history = await caseworker.GetStringAsync($"/cases/{id}/history");
        var audit = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("<ins class=\"new-value\">Serious injury</ins>", history, StringComparison.Ordinal);
        Assert.DoesNotContain("SeriousInjury", history, StringComparison.Ordinal);
        Assert.Contains("<td>Signed in</td>", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>SignInSucceeded</td>", audit, StringComparison.Ordinal);
    }
}
