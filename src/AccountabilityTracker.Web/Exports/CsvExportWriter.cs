using System.Globalization;
using System.Text;

namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// RFC 4180 CSV in UTF-8: CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled.
/// The first row names the columns, so any reader with its defaults (pandas, R, Excel) gets the table; what the file
/// is, its filters and its time are in the file name and the X-Export-Metadata header. Dates are ISO 8601, booleans
/// true/false, numbers with a point. Rows are written as they are read and flushed in batches, so memory stays flat.
/// </summary>
public static class CsvExportWriter
{
    private const int FlushEvery = 500;

    public static async Task WriteAsync(Stream output, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(table.Columns.Select(c => (object?)c.Name).ToArray()));
        await writer.FlushAsync(cancellationToken);

        var written = 0;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line(row));
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string Line(IReadOnlyList<object?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(cells[i]));
        }

        return line.ToString();
    }

    private static string Field(object? cell)
    {
        var text = cell switch
        {
            null => string.Empty,
            string s => FormulaGuard.Neutralise(s),
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => FormulaGuard.Neutralise(cell.ToString() ?? string.Empty),
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
