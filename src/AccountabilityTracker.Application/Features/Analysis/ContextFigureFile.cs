using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountabilityTracker.Domain.Analysis;
using Microsoft.VisualBasic.FileIO;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>A context figure as read from a file, before it is checked and stored.</summary>
public sealed record ContextFigureInput(
    string? Area, DateOnly? YearEnding, string? PeriodNote, string? Measure, decimal? Value, FigureQualifier Qualifier,
    string? SourceUrl, string? Publisher, string? Published, string? Wording, string? Note);

/// <summary>
/// Reads context figures from JSON (the shape of context-firearms.json: rows with year_ending, area, one number per
/// measure, sources with url/publisher/published/quote; a measure ending in _approx is "about", _at_most an upper bound)
/// or from CSV (header: area, year_ending, period_note, measure, value, qualifier, source_url, publisher, published,
/// wording, note). Refusals name the row and the field.
/// </summary>
public static class ContextFigureFile
{
    public static readonly IReadOnlyList<string> CsvColumns = ["area", "year_ending", "period_note", "measure", "value", "qualifier", "source_url", "publisher", "published", "wording", "note"];

    private static readonly string[] NotMeasures = ["year_ending", "area", "period_note", "derived", "sources"];

    public static IReadOnlyList<ContextFigureInput> ReadJson(byte[] content)
    {
        using var document = JsonDocument.Parse(content);
        if (!document.RootElement.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The JSON has no \"rows\" list.");
        }

        var figures = new List<ContextFigureInput>();
        foreach (var row in rows.EnumerateArray())
        {
            var source = row.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array && sources.GetArrayLength() > 0 ? sources[0] : default;
            DateOnly? yearEnding = Text(row, "year_ending") is { } y ? DateOnly.ParseExact(y, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            foreach (var property in row.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && !NotMeasures.Contains(p.Name)))
            {
                var (measure, qualifier) = property.Name.EndsWith("_approx", StringComparison.Ordinal)
                    ? (property.Name[..^"_approx".Length], FigureQualifier.Approximately)
                    : property.Name.EndsWith("_at_most", StringComparison.Ordinal)
                        ? (property.Name[..^"_at_most".Length], FigureQualifier.AtMost)
                        : (property.Name, FigureQualifier.Exact);
                figures.Add(new ContextFigureInput(
                    Text(row, "area"), yearEnding, Text(row, "period_note"), measure, property.Value.GetDecimal(), qualifier,
                    source.ValueKind == JsonValueKind.Object ? Text(source, "url") : null,
                    source.ValueKind == JsonValueKind.Object ? Text(source, "publisher") : null,
                    source.ValueKind == JsonValueKind.Object ? Text(source, "published") : null,
                    source.ValueKind == JsonValueKind.Object ? Text(source, "quote") : null,
                    Text(row, "derived")));
            }
        }

        return figures;
    }

    public static IReadOnlyList<ContextFigureInput> ReadCsv(byte[] content)
    {
        using var parser = new TextFieldParser(new MemoryStream(content), Encoding.UTF8, detectEncoding: true) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",");
        var header = ReadRow(parser) ?? throw new FormatException("The CSV is empty.");
        var index = CsvColumns.ToDictionary(c => c, c => Array.FindIndex(header, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)), StringComparer.Ordinal);
        var missing = index.Where(i => i.Value < 0 && i.Key is not ("period_note" or "publisher" or "published" or "note" or "qualifier")).Select(i => i.Key).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException("The CSV's first row must name the columns; missing: " + string.Join(", ", missing) + ".");
        }

        var figures = new List<ContextFigureInput>();
        while (!parser.EndOfData)
        {
            var line = parser.LineNumber;
            var fields = ReadRow(parser) ?? [];
            string? Field(string name) => index[name] >= 0 && index[name] < fields.Length && fields[index[name]].Length > 0 ? fields[index[name]] : null;
            DateOnly? yearEnding = null;
            if (Field("year_ending") is { } y)
            {
                yearEnding = DateOnly.TryParseExact(y, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d : throw new FormatException($"Line {line}: year_ending \"{y}\" is not a date (yyyy-mm-dd).");
            }

            decimal? value = Field("value") is { } v
                ? decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Line {line}: value \"{v}\" is not a number.")
                : null;
            var qualifier = Field("qualifier") is { } q
                ? Enum.TryParse<FigureQualifier>(q, ignoreCase: true, out var parsed) ? parsed : throw new FormatException($"Line {line}: qualifier \"{q}\" is not Exact, Approximately or AtMost.")
                : FigureQualifier.Exact;
            figures.Add(new ContextFigureInput(Field("area"), yearEnding, Field("period_note"), Field("measure"), value, qualifier, Field("source_url"), Field("publisher"), Field("published"), Field("wording"), Field("note")));
        }

        return figures;
    }

    /// <summary>The next row's fields; a row whose quotes do not match up is refused by its line number.</summary>
    private static string[]? ReadRow(TextFieldParser parser)
    {
        try
        {
            return parser.ReadFields();
        }
        catch (MalformedLineException malformed)
        {
            throw new FormatException($"Line {malformed.LineNumber}: the quotes in this row do not match up, so it cannot be read as CSV.", malformed);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
