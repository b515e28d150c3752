using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Api;

/// <summary>The duration report and its exports through /api/v1: the same requests and writers as the report page.</summary>
public sealed class ApiReportTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    public static TheoryData<string> Exports() => new()
    {
        "durations.csv", "durations.xlsx", "durations.json", "stages.csv", "stages.xlsx", "stages.json",
    };

    [Fact]
    public async Task The_duration_report_answers_the_groups_the_trend_and_the_total_of_the_use_case()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var expected = await factory.SendAsync(new GetDurationReport.Query { GroupBy = ReportGrouping.Force, YearFrom = 2010 });

        var report = JsonDocument.Parse(await client.GetStringAsync("/api/v1/reports/durations?groupBy=Force&yearFrom=2010")).RootElement;

        Assert.Equal("Force", report.GetProperty("groupBy").GetString());
        Assert.Equal("yearFrom=2010", report.GetProperty("filters").GetString());
        Assert.Equal(expected.Groups.Select(g => (g.Key, g.Stages)), report.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("key").GetString()!, g.GetProperty("stages").GetInt32())));
        Assert.Equal(expected.ByIncidentYear.Select(g => g.Key), report.GetProperty("byIncidentYear").EnumerateArray().Select(g => g.GetProperty("key").GetString()!));
        var total = report.GetProperty("total");
        Assert.Equal("All stages", total.GetProperty("key").GetString());
        Assert.Equal(expected.Total.Stages, total.GetProperty("stages").GetInt32());
        Assert.Equal(expected.Total.Durations.Count, total.GetProperty("withDuration").GetInt32());
        Assert.Equal(expected.Total.Durations.Median, total.GetProperty("medianDays").GetDouble());
        Assert.Equal(expected.Total.PastLimit, total.GetProperty("pastLimit").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Each_export_is_the_report_pages_file_byte_for_byte_with_its_name_and_type(string file)
    {
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        using var page = await factory.CreateClientForAsync(Roles.Analyst);
        const string query = "?force=Metropolitan%20Police%20Service&groupBy=StageKind";

        using var fromApi = await api.GetAsync($"/api/v1/exports/{file}{query}");
        using var fromPage = await page.GetAsync($"/reports/{file}{query}");

        Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Equal(fromPage.Content.Headers.ContentType?.ToString(), fromApi.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", fromApi.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fromPage.Content.Headers.ContentDisposition?.FileNameStar, fromApi.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("force-Metropolitan-Police-Service", fromApi.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal(await fromPage.Content.ReadAsByteArrayAsync(), await fromApi.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task A_researchers_token_gets_403_on_every_export(string file)
    {
        using var researcher = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));

        using var response = await researcher.GetAsync($"/api/v1/exports/{file}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task A_bad_filter_is_a_problem_details_before_anything_is_streamed()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Administrator));

        using var badYear = await client.GetAsync("/api/v1/exports/stages.csv?yearFrom=1800");
        using var badGrouping = await client.GetAsync("/api/v1/reports/durations?groupBy=Weather");

        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal("application/problem+json", badYear.Content.Headers.ContentType?.MediaType);
        Assert.Null(badYear.Content.Headers.ContentDisposition);
        Assert.Equal("Give a year between 1900 and 2100.", JsonDocument.Parse(await badYear.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("YearFrom")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badGrouping.StatusCode);
        Assert.True(JsonDocument.Parse(await badGrouping.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("GroupBy", out _));
    }
}
