using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Reports;

/// <summary>
/// Issue 7: the report's figures, computed here from the rows the test inserts, must match the page, the CSV, the
/// Excel file and the JSON, which therefore agree with each other.
/// </summary>
public sealed partial class DurationReportTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>, IAsyncLifetime
{
    private const string Force = "Dorset Police";
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Concluded IOPC investigations (day precision), as start and end.</summary>
    private static readonly (DateOnly Start, DateOnly End)[] Investigations =
    [
        (new(2018, 1, 1), new(2018, 4, 11)),
        (new(2018, 2, 1), new(2018, 8, 20)),
        (new(2018, 3, 1), new(2018, 12, 26)),
        (new(2019, 1, 1), new(2020, 2, 5)),
    ];

    public async Task InitializeAsync() => await factory.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<TrackerDbContext>();
        if (db.Cases.Any(c => c.Force == Force))
        {
            return 0;
        }

        var now = DateTime.UtcNow;
        var first = NewCase("ATC-2018-0901", "=HYPERLINK(\"http://x\",\"y\")", PartialDate.OnDay(2017, 12, 30), now);
        foreach (var (start, end) in Investigations)
        {
            first.AddStage(StageKind.IopcInvestigation, "Investigation", PartialDate.OnDay(start), PartialDate.OnDay(end), "Case to answer", now);
        }

        var second = NewCase("ATC-2019-0901", "Second Dorset case", PartialDate.OnDay(2019, 2, 1), now);
        second.AddStage(StageKind.IopcInvestigation, "Month-precision investigation", PartialDate.InMonth(2019, 3), PartialDate.OnDay(2019, 12, 31), "No case to answer", now);
        second.AddStage(StageKind.IopcInvestigation, "Start never published", PartialDate.Unknown, PartialDate.OnDay(2020, 6, 1), "No case to answer", now);
        second.AddStage(StageKind.Inquest, "Inquest still adjourned", PartialDate.OnDay(2020, 1, 1), null, null, now);
        db.Cases.AddRange(first, second);
        return await db.SaveChangesAsync();
    });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Page_csv_excel_and_json_agree_with_figures_computed_here()
    {
        var expected = ExpectedInvestigationFigures();
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var query = "?force=" + Uri.EscapeDataString(Force) + "&groupBy=StageKind";

        var html = await client.GetStringAsync("/reports/durations" + query);
        var row = GroupRow().Matches(html).Single(m => m.Groups["group"].Value == "IOPC investigation");
        Assert.Equal(Fmt(expected.Median), row.Groups["median"].Value);
        Assert.Equal(Fmt(expected.Q1), row.Groups["q1"].Value);
        Assert.Equal(Fmt(expected.Q3), row.Groups["q3"].Value);
        Assert.Equal(Fmt(expected.P90), row.Groups["p90"].Value);

        var csv = ExportReader.Csv(await client.GetByteArrayAsync("/reports/durations.csv" + query));
        var (xlsxRows, hasFormula) = ExportReader.Xlsx(await client.GetByteArrayAsync("/reports/durations.xlsx" + query));
        using var json = JsonDocument.Parse(await client.GetByteArrayAsync("/reports/durations.json" + query));
        Assert.False(hasFormula);

        var header = csv[0];
        var groupColumn = header.IndexOf("group");
        var csvRow = csv.Single(r => r[groupColumn] == "IOPC investigation");
        var xlsxRow = xlsxRows.Single(r => r[groupColumn] == "IOPC investigation");
        var jsonRow = json.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("group").GetString() == "IOPC investigation");
        Assert.Equal(header, xlsxRows[0]);
        Assert.Equal("IopcInvestigation", csvRow[header.IndexOf("group_code")]);

        foreach (var (column, value) in new (string, double?)[]
        {
            ("stages", expected.Stages), ("concluded_with_duration", expected.WithDuration), ("median_days", expected.Median),
            ("lower_quartile_days", expected.Q1), ("upper_quartile_days", expected.Q3), ("percentile_90_days", expected.P90),
            ("mean_days", expected.Mean), ("maximum_days", expected.Max), ("approximate_durations", expected.Approximate),
            ("unknown_dates", expected.Unknown), ("running", 0), ("with_limit", expected.WithLimit), ("past_limit", expected.PastLimit),
        })
        {
            var index = header.IndexOf(column);
            Assert.True(index >= 0, column);
            Assert.Equal(Fmt(value), Fmt(double.Parse(csvRow[index], CultureInfo.InvariantCulture)));
            Assert.Equal(Fmt(value), Fmt(double.Parse(xlsxRow[index], CultureInfo.InvariantCulture)));
            Assert.Equal(Fmt(value), Fmt(jsonRow.GetProperty(column).GetDouble()));
        }

        // The running inquest is counted as running and, six months after 1 Jan 2020, as past its limit.
        var inquest = csv.Single(r => r[groupColumn] == "Inquest");
        Assert.Equal("1", inquest[header.IndexOf("running")]);
        Assert.Equal("1", inquest[header.IndexOf("past_limit")]);
        Assert.Equal("", inquest[header.IndexOf("median_days")]);
    }

    [Fact]
    public async Task A_formula_title_is_exported_as_text_in_csv_and_excel()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var query = "?force=" + Uri.EscapeDataString(Force);

        var csvResponse = await client.GetAsync("/reports/stages.csv" + query);
        var csv = ExportReader.Csv(await csvResponse.Content.ReadAsByteArrayAsync());
        var (xlsx, hasFormula) = ExportReader.Xlsx(await client.GetByteArrayAsync("/reports/stages.xlsx" + query));

        Assert.Equal("text/csv; charset=utf-8", csvResponse.Content.Headers.ContentType?.ToString());
        Assert.Matches("stage-durations_force-Dorset-Police_\\d{8}T\\d{6}Z\\.csv", csvResponse.Content.Headers.ContentDisposition?.FileName ?? string.Empty);
        var titleColumn = csv[0].IndexOf("case_title");
        Assert.Contains(csv.Skip(1), r => r[titleColumn] == "'=HYPERLINK(\"http://x\",\"y\")");
        Assert.DoesNotContain(csv.Skip(1), r => r[titleColumn].StartsWith('='));
        Assert.False(hasFormula);
        Assert.Contains(xlsx.Skip(1), r => r[titleColumn] == "'=HYPERLINK(\"http://x\",\"y\")");
        Assert.Equal(Investigations.Length + 3, csv.Count - 1);
    }

    [Fact]
    public async Task Researchers_cannot_export()
    {
        using var client = await factory.CreateClientForAsync(Roles.Researcher);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/stages.csv")).StatusCode);
    }

    private static Expected ExpectedInvestigationFigures()
    {
        // Concluded, dated investigations: the exact ones, plus the month-precision one at the middle of its range.
        var exact = Investigations.Select(i => i.End.DayNumber - i.Start.DayNumber).ToList();
        var shortest = new DateOnly(2019, 12, 31).DayNumber - new DateOnly(2019, 3, 31).DayNumber;
        var longest = new DateOnly(2019, 12, 31).DayNumber - new DateOnly(2019, 3, 1).DayNumber;
        var durations = exact.Append(shortest + ((longest - shortest) / 2)).Order().ToList();

        double Percentile(double p)
        {
            var rank = p * (durations.Count - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return durations[low] + ((rank - low) * (durations[high] - durations[low]));
        }

        // 12-month rule: late when the end is after the same date a year on.
        var late = Investigations.Count(i => i.End > i.Start.AddMonths(12));
        return new Expected(
            Stages: Investigations.Length + 2,
            WithDuration: durations.Count,
            Median: Percentile(0.5),
            Q1: Percentile(0.25),
            Q3: Percentile(0.75),
            P90: Percentile(0.9),
            Mean: durations.Average(),
            Max: durations.Max(),
            Approximate: 1,
            Unknown: 1,
            WithLimit: Investigations.Length + 1,
            PastLimit: late);
    }

    private static string Fmt(double? value) => value is { } v ? Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture) : "–";

    private static Case NewCase(string reference, string title, PartialDate incident, DateTime now) =>
        Case.Open(reference, new CaseParticulars(title, "not published", incident, null, "Dorchester", Force, IncidentType.Shooting, Harm.Fatal, OperationCategory.OtherCriminalOperation, null), now);

    private sealed record Expected(int Stages, int WithDuration, double Median, double Q1, double Q3, double P90, double Mean, int Max, int Approximate, int Unknown, int WithLimit, int PastLimit);

    [GeneratedRegex("<tr data-group=\"(?<group>[^\"]*)\" data-median=\"(?<median>[^\"]*)\" data-p90=\"(?<p90>[^\"]*)\" data-q1=\"(?<q1>[^\"]*)\" data-q3=\"(?<q3>[^\"]*)\"")]
    private static partial Regex GroupRow();
}
