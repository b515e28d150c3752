using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;
using AccountabilityTracker.Application.Security;

namespace AccountabilityTracker.Web.Tests.Features.Limits;

/// <summary>
/// Issue 5, acceptance 3: a rule edited in the UI changes the Overdue page at once and is audited; bad values are
/// refused beside their fields and nothing is saved. Each test gets its own app, since they change the rules.
/// </summary>
public sealed partial class LimitRulesPagesTests
{
    private const string EditInquest = "/admin/limits/Inquest";

    [Fact]
    public async Task Changing_a_rule_changes_the_Overdue_page_at_once_and_writes_a_history_entry()
    {
        await using var app = new TrackerAppFactory();
        using var client = await app.CreateClientForAsync(Roles.Administrator);

        var before = await client.GetStringAsync("/overdue?clock=Inquest");
        Assert.Equal("Overdue", StatusOfKabaInquest(before));

        var (_, hidden) = await Forms.GetFormAsync(client, EditInquest);
        var response = await Forms.PostAsync(client, EditInquest, hidden, InquestFields(amount: "60"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/limits", response.Headers.Location?.OriginalString);

        // 4 Oct 2022 + 60 months is 4 Oct 2027; on 23 Nov 2026 that is 82.7% used: past the 80% warning, not overdue.
        var after = await client.GetStringAsync("/overdue?clock=Inquest");
        Assert.Equal("Approaching", StatusOfKabaInquest(after));

        var rules = await client.GetStringAsync("/admin/limits");
        var history = HistoryRows().Matches(rules).Select(m => m.Value).ToList();
        var amountChange = Assert.Single(history);
        Assert.Contains("<td>Inquest</td>", amountChange, StringComparison.Ordinal);
        Assert.Contains("<td>Amount</td>", amountChange, StringComparison.Ordinal);
        Assert.Contains("<td>6</td>", amountChange, StringComparison.Ordinal);
        Assert.Contains("<td>60</td>", amountChange, StringComparison.Ordinal);
        Assert.Contains("60 months", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_are_refused_beside_each_field_and_nothing_is_saved()
    {
        await using var app = new TrackerAppFactory();
        using var client = await app.CreateClientForAsync(Roles.Administrator);
        var (_, hidden) = await Forms.GetFormAsync(client, EditInquest);

        var response = await Forms.PostAsync(client, EditInquest, hidden, InquestFields(amount: "0", warningPercent: "150"));
        var html = await response.Content.ReadAsStringAsync();
        var unreadable = await Forms.PostAsync(client, EditInquest, hidden, InquestFields(amount: "6", unit: "Fortnights"));

        // One form pattern: refused input answers 200 with each message beside its field, as on every form.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The limit must be at least 1.", Forms.FieldError(html, "Amount"));
        Assert.Equal("The warning point must be between 1% and 99% of the limit.", Forms.FieldError(html, "WarningPercent"));
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        Assert.NotNull(Forms.FieldError(await unreadable.Content.ReadAsStringAsync(), "Unit"));
        Assert.Null(Forms.FieldError(html, "Anchor"));
        Assert.Matches("<input[^>]*name=\"Amount\"[^>]*value=\"0\"", html);
        Assert.Contains("aria-describedby=\"Amount-error\"", html, StringComparison.Ordinal);

        var rules = await client.GetStringAsync("/admin/limits");
        Assert.Contains("No rule has been changed since the defaults were stored.", rules, StringComparison.Ordinal);
        Assert.Equal("Overdue", StatusOfKabaInquest(await client.GetStringAsync("/overdue?clock=Inquest")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = new TrackerAppFactory();
        using var client = await app.CreateClientForAsync(Roles.Administrator);

        var response = await client.PostAsync(EditInquest, new FormUrlEncodedContent(InquestFields(amount: "60")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No rule has been changed", await client.GetStringAsync("/admin/limits"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caseworker_pauses_a_stage_from_its_clock_page()
    {
        await using var app = new TrackerAppFactory();
        using var client = await app.CreateClientForAsync(Roles.Caseworker);
        var caseId = await CasePagesTests.FindCaseIdAsync(client, "Chris Kaba");
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        var clockUrl = InquestClockLink().Match(casePage).Groups["url"].Value;
        Assert.NotEmpty(clockUrl);
        var pauseUrl = clockUrl.Replace("/clock", "/pauses/new", StringComparison.Ordinal);
        var (_, hidden) = await Forms.GetFormAsync(client, pauseUrl);

        var refused = await Forms.PostAsync(client, pauseUrl, hidden, [new("Form.From", "2023-01-01"), new("Form.Reason", "")]);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var accepted = await Forms.PostAsync(client, pauseUrl, hidden, [new("Form.From", "2023-01-01"), new("Form.Reason", "Suspended at the CPS's request")]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Give the reason for the pause", Forms.FieldError(refusedHtml, "Form.Reason"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var clockPage = await client.GetStringAsync(clockUrl);
        Assert.Contains("still paused", clockPage, StringComparison.Ordinal);
        Assert.Contains("Suspended at the CPS&#x27;s request", clockPage, StringComparison.Ordinal);
        Assert.Contains("data-clock-status=\"WithinLimit\"", clockPage, StringComparison.Ordinal);
    }

    private static string StatusOfKabaInquest(string overdueHtml)
    {
        var row = Regex.Match(overdueHtml, "<tr[^>]*data-clock=\"Inquest\".*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The Kaba inquest is not on the Overdue page.");
        return Regex.Match(row.Value, "data-clock-status=\"(?<status>\\w+)\"").Groups["status"].Value;
    }

    private static List<KeyValuePair<string, string>> InquestFields(string amount, string warningPercent = "80", string unit = "Months") =>
    [
        new("IsEnabled", "true"),
        new("Amount", amount),
        new("Unit", unit),
        new("Anchor", "StageStart"),
        new("WarningPercent", warningPercent),
        new("FirstReportAfterMonths", "12"),
        new("ReportEveryMonths", string.Empty),
        new("LegalSource", "Coroners (Inquests) Rules 2013 r.8 (6-month target); Coroners and Justice Act 2009 s.16 (Chief Coroner told at 12 months)"),
        new("IsStatutory", "true"),
    ];

    [GeneratedRegex("<tr>\\s*<td class=\"text-nowrap\"><time.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex HistoryRows();

    [GeneratedRegex("Inquest opened and adjourned.*?href=\"(?<url>/cases/\\d+/stages/\\d+/clock)\"", RegexOptions.Singleline)]
    private static partial Regex InquestClockLink();
}
