using AccountabilityTracker.Application.Security;
using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Limits;

/// <summary>Where the clocks show, read-only, on the reference cases with the shipped rules (today 23 Nov 2026).</summary>
public sealed partial class ClockBadgesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task The_navigation_counts_the_overdue_clocks()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases");

        // Kaba: the inquest, the misconduct stage (15 working days) and the whole case (36 months) are overdue.
        Assert.Matches("<span class=\"badge text-bg-danger overdue-count\" data-overdue=\"3\">3</span>", html);
        Assert.Contains("clocks overdue, 0 approaching", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_badges_say_their_status_in_words_on_the_case_page()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var baker = await client.GetStringAsync($"/cases/{await CasePagesTests.FindCaseIdAsync(client, "Jermaine Baker")}");
        var kaba = await client.GetStringAsync($"/cases/{await CasePagesTests.FindCaseIdAsync(client, "Chris Kaba")}");

        var inquestDaysOver = new DateOnly(2026, 11, 23).DayNumber - new DateOnly(2023, 4, 4).DayNumber;
        Assert.Contains("Concluded late<span class=\"clock-detail\">: concluded 12 days late</span>", baker, StringComparison.Ordinal);
        Assert.Contains($"Overdue<span class=\"clock-detail\">: {inquestDaysOver:N0} days over</span>", kaba, StringComparison.Ordinal);
        Assert.Contains("Concluded in time<span class=\"clock-detail\">: concluded within limit</span>", kaba, StringComparison.Ordinal);
        Assert.Contains(">No limit</span>", kaba, StringComparison.Ordinal); // stages of kind Other have no rule
    }

    [Fact]
    public async Task The_case_list_shows_each_cases_clock_and_overdue_stages()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases?text=Kaba");

        Assert.Contains("data-clock-status=\"Overdue\"", html, StringComparison.Ordinal);
        // The inquest; the misconduct stage has no clock since the shipped misconduct rule is off (reg 33 times a sub-step).
        Assert.Contains("1 stage overdue", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Overdue_page_filters_by_force_and_category()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var all = await client.GetStringAsync("/overdue");
        var counterTerrorism = await client.GetStringAsync("/overdue?category=CounterTerrorism");

        Assert.Equal(3, Rows().Count(all));
        Assert.Equal(0, Rows().Count(counterTerrorism));
        Assert.Contains("No clock is overdue or approaching its limit with these filters.", counterTerrorism, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_rule_is_a_404()
    {
        using var client = await factory.CreateClientForAsync(Roles.Administrator);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/limits/Fortnight")).StatusCode);
    }

    [GeneratedRegex("<tr data-case-id=")]
    private static partial Regex Rows();
}
