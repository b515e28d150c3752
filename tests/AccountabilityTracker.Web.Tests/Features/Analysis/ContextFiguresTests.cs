using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Exports;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Analysis;

/// <summary>Issue 16: the shipped firearms figures are loaded with their sources and wording, shown and exported beside the tracker's counts, and imports are checked.</summary>
public sealed class ContextFiguresTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task The_shipped_figures_are_loaded_with_their_wording_and_shown_beside_the_trackers_counts()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var html = await client.GetStringAsync("/analysis/context");

        Assert.Contains("18,746", html, StringComparison.Ordinal);
        Assert.Contains("about 4,000", html, StringComparison.Ordinal);
        Assert.Contains("at most 2", html, StringComparison.Ordinal);
        Assert.Contains("The number of police firearms operations in England and Wales increased by 19% to 18,746", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        // The tracker's own count for England and Wales in 2022/23, worked out here from the stored cases.
        var expected = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.AsNoTracking()
            .Where(c => !c.IsArchived && c.Jurisdiction == Jurisdiction.EnglandAndWales && c.IncidentOn >= new DateOnly(2022, 4, 1) && c.IncidentOn <= new DateOnly(2023, 3, 31)
                && (c.IncidentPrecision == DatePrecision.Day || c.IncidentPrecision == DatePrecision.Month))
            .Select(c => new { c.IncidentType, c.Harm }).ToListAsync());
        Assert.NotEmpty(expected); // Kaba, September 2022

        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/analysis/context.csv"));
        var h = csv[0];
        var ops = csv.Single(r => r[h.IndexOf("area")] == "England and Wales" && r[h.IndexOf("year_ending")] == "2023-03-31" && r[h.IndexOf("measure")] == "firearms_operations");
        Assert.Equal("18395", ops[h.IndexOf("value")]);
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), ops[h.IndexOf("tracker_cases")]);
        var fatal = expected.Count(c => c.IncidentType == IncidentType.Shooting && c.Harm == Harm.Fatal);
        Assert.Equal(fatal.ToString(CultureInfo.InvariantCulture), ops[h.IndexOf("tracker_fatal_shootings")]);
        Assert.Equal(Math.Round(fatal * 10000d / 18395, 2), double.Parse(ops[h.IndexOf("fatal_shootings_per_10000_operations")], CultureInfo.InvariantCulture));
        var met = csv.Single(r => r[h.IndexOf("area")] == "Metropolitan Police Service" && r[h.IndexOf("measure")] == "armed_incidents");
        Assert.Equal("Approximately", met[h.IndexOf("qualifier_code")]);
        Assert.Equal(string.Empty, met[h.IndexOf("year_ending")]);

        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/analysis/context")).RootElement;
        var row = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("area").GetString() == "England and Wales" && r.GetProperty("yearEnding").GetString() == "2023-03-31");
        Assert.Equal(expected.Count, row.GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task An_import_adds_a_sourced_figure_and_refuses_one_without_a_source_beside_the_file_field()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        const string Header = "area,year_ending,period_note,measure,value,qualifier,source_url,publisher,published,wording,note\r\n";

        using var refused = await PostFileAsync(client, "bad.csv", Header + "Kent Police,2020-03-31,,firearms_operations,500,Exact,,,,\"500 operations\",\r\n");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("id=\"File-error\">Figure 1 \\(Kent Police, firearms_operations\\): its source must be an http or https address.<", html);
        Assert.Equal(0, await CountAsync("Kent Police"));

        using var accepted = await PostFileAsync(client, "kent.csv", Header + "Kent Police,2020-03-31,,firearms_operations,500,Exact,https://example.org/kent,Kent Police,2020-07,\"Kent carried out 500 firearms operations\",\r\n");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, await CountAsync("Kent Police"));
        Assert.Contains("Kent carried out 500 firearms operations", await client.GetStringAsync("/analysis/context"), StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(string area) =>
        await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().ContextFigures.CountAsync(f => f.Area == area && !f.IsArchived));

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string name, string content)
    {
        var page = await client.GetStringAsync("/analysis/context");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return await client.PostAsync("/analysis/context", form);
    }
}
