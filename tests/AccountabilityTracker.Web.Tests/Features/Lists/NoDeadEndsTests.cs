using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Lists;

/// <summary>
/// Every list's pages lead somewhere: a page before the first or after the last goes to the nearest page that exists
/// (with every filter kept), pagers link only to pages that exist, and a refused filter shows the list with the message
/// beside its field instead of an error page.
/// </summary>
public sealed partial class NoDeadEndsTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Theory]
    [InlineData("/cases?page=0", "/cases?page=1")]
    [InlineData("/cases?page=-3", "/cases?page=1")]
    [InlineData("/cases?page=99", "/cases?page=1")]
    [InlineData("/cases?text=kaba&sort=Title&page=99", "/cases?text=kaba&sort=Title&page=1")]
    [InlineData("/cases?pageSize=1&page=7", "/cases?pageSize=1&page=2")]
    [InlineData("/overdue?page=0", "/overdue?page=1")]
    [InlineData("/overdue?page=2", "/overdue?page=1")]
    [InlineData("/overdue?force=Dorset%20Police&page=5", "/overdue?force=Dorset%20Police&page=1")]
    public async Task A_page_out_of_range_goes_to_the_nearest_page_that_exists_keeping_the_filters(string asked, string expected)
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        using var response = await client.GetAsync(asked);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(expected)).StatusCode);
    }

    [Fact]
    public async Task Audit_archive_and_history_pages_out_of_range_go_to_the_last_page()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var kaba = await CasePagesTests.FindCaseIdAsync(admin, "Chris Kaba");

        foreach (var (asked, expected) in new[]
        {
            ("/admin/audit?page=0", "/admin/audit?page=1"),
            ("/admin/audit?page=9999", "/admin/audit?page=1"),
            ("/admin/archived-cases?page=4", "/admin/archived-cases?page=1"),
            ($"/cases/{kaba}/history?page=0", $"/cases/{kaba}/history?page=1"),
        })
        {
            using var response = await admin.GetAsync(asked);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{asked}: {(int)response.StatusCode}");
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }

        // The Kaba history reads as a handful of events on one page: page 500 brings the reader to it, with no link further on.
        using var beyond = await admin.GetAsync($"/cases/{kaba}/history?page=500");
        var last = beyond.Headers.Location!.OriginalString;
        var lastPage = await admin.GetStringAsync(last);
        Assert.Equal($"/cases/{kaba}/history?page=1", last);
        Assert.DoesNotContain("rel=\"next\"", lastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pagers_link_only_to_pages_that_exist_and_say_which_page_of_how_many()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var casesFirst = await client.GetStringAsync("/cases?pageSize=1");
        var casesLast = await client.GetStringAsync("/cases?pageSize=1&page=2");
        var overdueFirst = await client.GetStringAsync("/overdue?pageSize=1");
        var overdueLast = await client.GetStringAsync("/overdue?pageSize=1&page=3");
        var onePage = await client.GetStringAsync("/cases");

        Assert.Contains("Page 1 of 2", casesFirst, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases?pageSize=1&amp;page=2\" rel=\"next\"", casesFirst, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", casesFirst, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases?pageSize=1&amp;page=1\" rel=\"prev\"", casesLast, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", casesLast, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 3", overdueFirst, StringComparison.Ordinal);
        Assert.Contains("Page 3 of 3", overdueLast, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", overdueLast, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Case list pages\"", onePage, StringComparison.Ordinal);
        foreach (var html in new[] { casesFirst, casesLast, overdueFirst, overdueLast, onePage })
        {
            Assert.DoesNotMatch(LinkOutsideThePages(), html);
            Assert.DoesNotContain("aria-disabled", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_from_year_after_the_to_year_shows_every_case_with_the_message_beside_the_field()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        using var response = await client.GetAsync("/cases?yearFrom=2025&yearTo=2010");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"YearTo-error\"[^>]*>\\s*<span class=\"d-block\">The last year cannot be before the first.</span>", html);
        Assert.Contains("id=\"yearTo\" name=\"yearTo\" value=\"2010\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"form-control is-invalid\" aria-describedby=\"YearTo-error\"", html, StringComparison.Ordinal);
        Assert.Contains("A filter could not be used", html, StringComparison.Ordinal);
        Assert.Contains("Chris Kaba", html, StringComparison.Ordinal);
        Assert.Contains("Jermaine Baker", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_clock_on_the_Overdue_page_shows_every_clock_with_the_message_beside_the_field()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        using var response = await client.GetAsync("/overdue?clock=Fortnight");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Clock-error\"[^>]*>\\s*<span class=\"d-block\">Choose a clock from the list.</span>", html);
        Assert.Equal(3, OverdueRow().Count(html));
    }

    [Fact]
    public async Task A_refused_report_filter_shows_the_whole_report_with_the_message_beside_the_field()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);

        using var response = await client.GetAsync("/reports/durations?yearFrom=2025&yearTo=2010");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"YearTo-error\"[^>]*>\\s*<span class=\"d-block\">The last year cannot be before the first.</span>", html);
        Assert.Contains("Filters: none.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"by-group\"", html, StringComparison.Ordinal);
    }

    /// <summary>A link to page 0 or below: a page that can never exist.</summary>
    [GeneratedRegex("href=\"[^\"]*[?&;]page=(0|-\\d+)[&\"]")]
    private static partial Regex LinkOutsideThePages();

    [GeneratedRegex("<tr data-case-id=")]
    private static partial Regex OverdueRow();
}
