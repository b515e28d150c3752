using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Web.Exports;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Json.Schema;

namespace AccountabilityTracker.Web.Tests.Exports;

/// <summary>
/// Issue 16, acceptance 1: the exports read back with independent readers (TextFieldParser with its defaults, the Open
/// XML SDK) have their header in the first row, typed dates and numbers, readable labels beside stable codes; the data
/// package validates against the Frictionless schemas and describes exactly the columns written.
/// </summary>
public sealed class AnalysisReadyExportsTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private const string MetQuery = "?force=Metropolitan%20Police%20Service";

    [Fact]
    public async Task The_stage_csv_has_its_header_first_and_values_a_default_reader_can_type()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        using var response = await client.GetAsync("/reports/stages.csv" + MetQuery);
        var csv = IndependentReaders.Csv(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(ReportTables.StageColumns.Select(c => c.Name), csv[0]);
        var h = csv[0];
        var rows = csv.Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(h.Count, r.Count));
        foreach (var r in rows)
        {
            var kind = Enum.Parse<StageKind>(r[h.IndexOf("stage_kind_code")]);
            Assert.Equal(kind.DisplayName(), r[h.IndexOf("stage_kind")]);
            var outcome = Enum.Parse<OutcomeType>(r[h.IndexOf("outcome_type_code")]);
            Assert.Equal(outcome == OutcomeType.None ? string.Empty : outcome.DisplayName(), r[h.IndexOf("outcome_type")]);
            Assert.Equal(Enum.Parse<OperationCategory>(r[h.IndexOf("category_code")]).DisplayName(), r[h.IndexOf("category")]);
            Assert.True(r[h.IndexOf("running")] is "true" or "false");
            foreach (var column in ReportTables.StageColumns.Where(c => c.Type == ExportType.Date))
            {
                var text = r[h.IndexOf(column.Name)];
                Assert.True(text.Length == 0 || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), column.Name + ": " + text);
            }

            foreach (var column in ReportTables.StageColumns.Where(c => c.Type == ExportType.WholeNumber))
            {
                var text = r[h.IndexOf(column.Name)];
                Assert.True(text.Length == 0 || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), column.Name + ": " + text);
            }
        }

        // Kaba's CPS decision: 30 Mar 2023 to 20 Sep 2023, 174 days.
        var kaba = rows.Single(r => r[h.IndexOf("stage_kind_code")] == "CpsDecision" && r[h.IndexOf("start_earliest")] == "2023-03-30");
        Assert.Equal("2023-09-20", kaba[h.IndexOf("end_latest")]);
        Assert.Equal("174", kaba[h.IndexOf("duration_days")]);
        Assert.Equal("Charged", kaba[h.IndexOf("outcome_type_code")]);

        var metadata = JsonDocument.Parse(response.Headers.GetValues(ExportResponses.MetadataHeader).Single()).RootElement;
        Assert.Equal("force=Metropolitan Police Service", metadata.GetProperty("filters").GetString());
        Assert.Equal(ReportTables.StagesName, metadata.GetProperty("name").GetString());
        Assert.Matches("^stage-durations_force-Metropolitan-Police-Service_\\d{8}T\\d{6}Z\\.csv$", response.Content.Headers.ContentDisposition?.FileName ?? string.Empty);
    }

    [Fact]
    public async Task The_stage_workbook_has_a_frozen_filtered_header_typed_cells_and_an_about_sheet()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var workbook = IndependentReaders.Xlsx(await client.GetByteArrayAsync("/reports/stages.xlsx" + MetQuery));

        Assert.Equal(["Data", "About"], workbook.SheetOrder);
        var data = workbook.Sheets["Data"];
        var header = data.Rows[0].Select(c => c.Text).ToList();
        Assert.Equal(ReportTables.StageColumns.Select(c => c.Name), header);
        Assert.True(data.HeaderFrozen);
        Assert.Equal("A1:" + XlsxExportWriter.ColumnLetters(header.Count - 1) + data.Rows.Count.ToString(CultureInfo.InvariantCulture), data.AutoFilter);
        Assert.DoesNotContain(data.Rows.SelectMany(r => r), c => c.IsFormula);

        var kaba = data.Rows.Skip(1).Single(r => r[header.IndexOf("stage_kind_code")].Text == "CpsDecision" && r[header.IndexOf("start_earliest")].Date == new DateOnly(2023, 3, 30));
        Assert.Equal(new DateOnly(2023, 9, 20), kaba[header.IndexOf("end_earliest")].Date);
        Assert.Equal(174, kaba[header.IndexOf("duration_days")].Number);
        Assert.False(kaba[header.IndexOf("running")].Flag);
        Assert.Equal(StageKind.CpsDecision.DisplayName(), kaba[header.IndexOf("stage_kind")].Text);

        var about = workbook.Sheets["About"];
        Assert.Equal(["item", "value", "type", "unit", "meaning"], about.Rows[0].Select(c => c.Text).Take(5));
        Assert.Contains(about.Rows, r => r[0].Text == "filters" && r[1].Text == "force=Metropolitan Police Service");
        Assert.Contains(about.Rows, r => r[0].Text == "generated_at_utc" && r[1].Text.StartsWith("2026-", StringComparison.Ordinal));
        Assert.Equal(header, about.Rows.Where(r => r[0].Text == "column").Select(r => r[1].Text));
    }

    [Fact]
    public async Task The_data_package_validates_against_the_frictionless_schemas_and_names_the_columns_written()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var text = await client.GetStringAsync("/reports/datapackage.json");
        using var package = JsonDocument.Parse(text);

        var packageSchema = Schema("tabular-data-package.json");
        var tableSchema = Schema("table-schema.json");
        var result = packageSchema.Evaluate(package.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        foreach (var resource in package.RootElement.GetProperty("resources").EnumerateArray())
        {
            Assert.True(tableSchema.Evaluate(resource.GetProperty("schema"), new EvaluationOptions()).IsValid, resource.GetProperty("name").GetString());
        }

        // The validator does refuse a broken package, so the checks above mean something.
        var broken = JsonNode.Parse(text)!;
        broken["resources"]![0]!["schema"]!.AsObject().Remove("fields");
        using var brokenDocument = JsonDocument.Parse(broken.ToJsonString());
        Assert.False(packageSchema.Evaluate(brokenDocument.RootElement, new EvaluationOptions()).IsValid);

        var stages = package.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == ReportTables.StagesName);
        var csv = IndependentReaders.Csv(await client.GetByteArrayAsync("/reports/stages.csv"));
        Assert.Equal(csv[0], stages.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!));
        var groups = package.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == ReportTables.GroupsName);
        var durations = IndependentReaders.Csv(await client.GetByteArrayAsync("/reports/durations.csv"));
        Assert.Equal(durations[0], groups.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task The_data_dictionary_lists_every_column_and_docs_describe_each()
    {
        using var client = await factory.CreateClientForAsync(Roles.Analyst);
        var dictionary = IndependentReaders.Csv(await client.GetByteArrayAsync("/reports/data-dictionary.csv"));
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "reports.md"));

        Assert.Equal(["table", "column", "type", "unit", "meaning"], dictionary[0]);
        foreach (var resource in ExportCatalogue.Resources)
        {
            Assert.Equal(resource.Columns.Select(c => c.Name), dictionary.Skip(1).Where(r => r[0] == resource.Name).Select(r => r[1]));
            foreach (var column in resource.Columns)
            {
                Assert.Contains($"| {resource.Name} | `{column.Name}` | {column.TypeName} |", docs, StringComparison.Ordinal);
            }
        }
    }

    private static JsonSchema Schema(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AccountabilityTracker.Web.Tests.Exports.Schemas." + file)!;
        using var reader = new StreamReader(stream);

        // The profiles are draft-04; read as draft 7, which has every keyword they use with the same meaning.
        var text = reader.ReadToEnd().Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { Dialect = Dialect.Draft07 });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AccountabilityTracker.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
