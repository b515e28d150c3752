using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Cases;

public sealed partial class CasePagesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task The_case_list_shows_both_reference_cases()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases");

        Assert.Contains("Fatal police shooting of Chris Kaba, Streatham Hill (2022)", html, StringComparison.Ordinal);
        Assert.Contains("Fatal police shooting of Jermaine Baker, Wood Green (2015)", html, StringComparison.Ordinal);
        Assert.Contains("ATC-2022-0001", html, StringComparison.Ordinal);
        Assert.Contains("ATC-2015-0001", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_keeps_its_filters_in_the_query_string()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases?text=NX121");

        Assert.Contains("Chris Kaba", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Jermaine Baker", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Kaba_page_lists_its_timeline_in_date_order_with_sources()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var id = await FindCaseIdAsync(client, "Chris Kaba");

        var html = await client.GetStringAsync($"/cases/{id}");

        var entries = TimelineStart().Matches(html).Select(m => m.Groups["start"].Value).ToList();
        Assert.True(entries.Count > 10, $"Expected the timeline entries, found {entries.Count}.");
        Assert.Equal(entries.OrderBy(FirstDay, StringComparer.Ordinal).ToList(), entries);
        Assert.Contains("https://www.theguardian.com/uk-news/2023/sep/20/police-officer-who-shot-chris-kaba-in-london-charged-with-murder", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-10\">October 2024</time>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Month_precision_dates_display_as_months()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);
        var id = await FindCaseIdAsync(client, "Jermaine Baker");

        var html = await client.GetStringAsync($"/cases/{id}");

        Assert.Contains("<time datetime=\"2018-05\">May 2018</time>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2019\">2019</time>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("datetime=\"2018-05\">1 May", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_case_is_a_404_page()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var response = await client.GetAsync("/cases/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_is_served_from_the_app_itself()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        var html = await client.GetStringAsync("/cases");
        var css = await client.GetAsync("/lib/bootstrap/bootstrap.min.css");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.DoesNotMatch(CdnAddress(), html);
        Assert.DoesNotMatch(ExternalScriptOrStyle(), html);
    }

    private static string FirstDay(string isoDate) => isoDate.Length switch
    {
        4 => isoDate + "-01-01",
        7 => isoDate + "-01",
        0 => "9999",
        _ => isoDate,
    };

    internal static async Task<int> FindCaseIdAsync(HttpClient client, string title)
    {
        var html = await client.GetStringAsync("/cases?text=" + Uri.EscapeDataString(title));
        return int.Parse(CaseLink().Match(html).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<li class=\"timeline-entry[^>]*>.*?<time datetime=\"(?<start>[0-9-]*)\"", RegexOptions.Singleline)]
    private static partial Regex TimelineStart();

    [GeneratedRegex("href=\"/cases/(?<id>\\d+)\"")]
    private static partial Regex CaseLink();

    [GeneratedRegex("<(script|link)[^>]+(src|href)=\"https?://")]
    private static partial Regex ExternalScriptOrStyle();

    /// <summary>"cdn" in an address, not anywhere in the page: a random antiforgery token may contain those letters.</summary>
    [GeneratedRegex("(src|href)=\"[^\"]*cdn", RegexOptions.IgnoreCase)]
    private static partial Regex CdnAddress();
}
