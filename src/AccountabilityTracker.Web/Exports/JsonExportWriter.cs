using System.Text.Json;

namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// JSON: <c>{"name", "title", "filters", "generatedAtUtc", "columns": [{name, type, description, unit}], "rows": [{column: value, ...}]}</c>,
/// written as rows are read and flushed in batches. Values keep their types (numbers stay numbers, dates are ISO 8601
/// strings); JSON needs no formula guard.
/// </summary>
public static class JsonExportWriter
{
    public static async Task WriteAsync(Stream output, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("name", table.Name);
        json.WriteString("title", table.Title);
        json.WriteString("filters", table.Filters);
        json.WriteString("generatedAtUtc", DateTime.SpecifyKind(table.GeneratedAtUtc, DateTimeKind.Utc));
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.TypeName);
            json.WriteString("description", column.Meaning);
            if (column.Unit is { } unit)
            {
                json.WriteString("unit", unit);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        var written = 0;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                json.WritePropertyName(table.Columns[i].Name);
                WriteValue(json, i < row.Length ? row[i] : null);
            }

            json.WriteEndObject();
            if (++written % 500 == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case DateTime time:
                json.WriteStringValue(DateTime.SpecifyKind(time, DateTimeKind.Utc));
                break;
            case DateOnly date:
                json.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
