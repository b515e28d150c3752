using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountabilityTracker.Web.Exports;

/// <summary>One kind of export: its stable name (file names and data package resources), where it is fetched, and its columns.</summary>
public sealed record ExportResource(string Name, string Title, string Address, IReadOnlyList<ExportColumn> Columns);

/// <summary>
/// Every analysis export, described once: the data dictionary (one row per column: table, name, type, unit, meaning)
/// and the Frictionless data package (datapackage.json) that lets R, Python and Excel users load the CSV files with
/// their types are both made from this list, so neither can drift from what the writers write.
/// </summary>
public static class ExportCatalogue
{
    public const string DictionaryName = "data-dictionary";

    public static IReadOnlyList<ExportResource> Resources { get; } =
    [
        new(ReportTables.StagesName, "Stage durations: one row per stage", "/reports/stages.csv", ReportTables.StageColumns),
        new(ReportTables.GroupsName, "Duration report: one row per group, then the total", "/reports/durations.csv", ReportTables.GroupColumns),
        new(AnalysisTables.ScenarioLimitsName, "Limit scenario: one row per limit, with the rules in force beside it", "/analysis/scenarios/{id}/limits.csv", AnalysisTables.ScenarioLimitColumns),
        new(AnalysisTables.ScenarioGroupsName, "Limit scenario: breaches per stage kind, force, incident year and category", "/analysis/scenarios/{id}/groups.csv", AnalysisTables.ScenarioGroupColumns),
        new(AnalysisTables.ScenarioStagesName, "Limit scenario: the stages that would have breached", "/analysis/scenarios/{id}/stages.csv", AnalysisTables.ScenarioStageColumns),
        new(AnalysisTables.ContrastsName, "Outcome contrasts: one row per group and event", "/analysis/contrasts.csv", AnalysisTables.ContrastColumns),
        new(AnalysisTables.BurdenName, "Officer burden: one row per officer record", "/analysis/burden.csv", AnalysisTables.BurdenColumns),
        new(AnalysisTables.ContextName, "Context figures with their sources, beside the tracker's counts", "/analysis/context.csv", AnalysisTables.ContextColumns),
    ];

    public static IReadOnlyList<ExportColumn> DictionaryColumns { get; } =
    [
        new("table", ExportType.Text, "The export (its file name starts with this)"),
        new("column", ExportType.Text, "The column's name, as in the export's first row"),
        new("type", ExportType.Text, "string, integer, number, boolean, date (yyyy-mm-dd) or datetime (ISO 8601, UTC)"),
        new("unit", ExportType.Text, "The unit of a figure (days, stages, a share from 0 to 1, …)"),
        new("meaning", ExportType.Text, "What the column holds"),
    ];

    public static ExportTable Dictionary(DateTime generatedAtUtc) =>
        new(DictionaryName, "Data dictionary of the exports", "none", generatedAtUtc, DictionaryColumns,
            Resources.SelectMany(r => r.Columns.Select(c => new object?[] { r.Name, c.Name, c.TypeName, c.Unit, c.Meaning })).ToAsyncEnumerable());

    /// <summary>The Frictionless (tabular) data package describing every CSV export: save each file under its resource's path.</summary>
    public static JsonObject DataPackage()
    {
        var resources = new JsonArray();
        foreach (var resource in Resources)
        {
            var fields = new JsonArray();
            foreach (var column in resource.Columns)
            {
                var field = new JsonObject
                {
                    ["name"] = column.Name,
                    ["type"] = column.TypeName,
                    ["description"] = column.Unit is { } unit ? column.Meaning + " (unit: " + unit + ")" : column.Meaning,
                };
                if (column.Type == ExportType.YesNo)
                {
                    field["trueValues"] = new JsonArray("true");
                    field["falseValues"] = new JsonArray("false");
                }

                fields.Add(field);
            }

            resources.Add(new JsonObject
            {
                ["profile"] = "tabular-data-resource",
                ["name"] = resource.Name,
                ["path"] = resource.Name + ".csv",
                ["title"] = resource.Title,
                ["description"] = "Downloaded from " + resource.Address + " (the file name adds the filters and the time); save it as " + resource.Name + ".csv beside this file.",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["doubleQuote"] = true, ["lineTerminator"] = "\r\n", ["header"] = true },
                ["schema"] = new JsonObject { ["fields"] = fields, ["missingValues"] = new JsonArray("") },
            });
        }

        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "accountability-tracker-exports",
            ["title"] = "AccountabilityTracker exports",
            ["description"] = "The CSV exports of the tracker's reports. Dates are ISO 8601 (yyyy-mm-dd), booleans true/false, empty cells are missing values.",
            ["resources"] = resources,
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static byte[] DataPackageBytes() => JsonSerializer.SerializeToUtf8Bytes(DataPackage(), Indented);
}
