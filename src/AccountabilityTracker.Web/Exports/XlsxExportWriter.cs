using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// An Office Open XML workbook written row by row into a zip on the response stream (no temporary file, no whole-sheet
/// buffer). Sheet "Data" has the column names in its first row, frozen, with an autofilter; dates and times are real
/// Excel dates with a yyyy-mm-dd format, whole numbers and numbers are numbers, booleans are booleans. Sheet "About"
/// says what the file is, its filters, when it was made and what every column means. Text is written as inline
/// strings, never formulas, so "=HYPERLINK(...)" stays text; the same neutralising apostrophe as the CSV is added too.
/// </summary>
public static class XlsxExportWriter
{
    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    // Cell formats in styles.xml: 0 general, 1 bold header, 2 date, 3 date and time, 4 whole number, 5 number.
    private const int HeaderStyle = 1;
    private const int DateStyle = 2;
    private const int DateTimeStyle = 3;
    private const int IntegerStyle = 4;
    private const int NumberStyle = 5;

    private static readonly int ExcelEpochDay = new DateOnly(1899, 12, 30).DayNumber;

    private static readonly IReadOnlyList<ExportColumn> AboutColumns =
    [
        new("item", ExportType.Text, "What the row describes: the file (title, filters, generated_at_utc, rows) or one column"),
        new("value", ExportType.Text, "The value, or the column's name"),
        new("type", ExportType.Text, "The column's type"),
        new("unit", ExportType.Text, "The column's unit"),
        new("meaning", ExportType.Text, "What the column holds"),
    ];

    public static async Task WriteAsync(Stream output, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        // Every part carries the time the figures were generated, not the moment it was zipped, so one report gives one
        // file byte for byte (the page's and the API's downloads are compared that way).
        var stamp = new DateTimeOffset(DateTime.SpecifyKind(table.GeneratedAtUtc, DateTimeKind.Utc));
        await WriteEntryAsync(zip, stamp, "[Content_Types].xml",
            Declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        await WriteEntryAsync(zip, stamp, "_rels/.rels",
            Declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        await WriteEntryAsync(zip, stamp, "xl/_rels/workbook.xml.rels",
            Declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
        await WriteEntryAsync(zip, stamp, "xl/styles.xml",
            Declaration + "<styleSheet xmlns=\"" + SheetNamespace + "\">"
            + "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/><numFmt numFmtId=\"166\" formatCode=\"0.0###\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"6\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");

        var rowCount = await WriteSheetAsync(zip, stamp, "xl/worksheets/sheet1.xml", table.Columns, table.Rows, cancellationToken);
        var filterRange = "Data!$A$1:$" + ColumnLetters(table.Columns.Count - 1) + "$" + (rowCount + 1).ToString(CultureInfo.InvariantCulture);
        await WriteSheetAsync(zip, stamp, "xl/worksheets/sheet2.xml", AboutColumns, AboutRows(table, rowCount).ToAsyncEnumerable(), cancellationToken);

        // The workbook comes last: its filter range names the last row, known only once the rows are written.
        await WriteEntryAsync(zip, stamp, "xl/workbook.xml",
            Declaration + "<workbook xmlns=\"" + SheetNamespace + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"About\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
            + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">" + filterRange + "</definedName></definedNames></workbook>");
    }

    /// <summary>Excel's column name for a zero-based index: A … Z, AA, AB, ….</summary>
    public static string ColumnLetters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static IEnumerable<object?[]> AboutRows(ExportTable table, int rowCount)
    {
        yield return ["title", table.Title, null, null, null];
        yield return ["filters", table.Filters, null, null, null];
        yield return ["generated_at_utc", table.GeneratedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), null, null, null];
        yield return ["rows", rowCount.ToString(CultureInfo.InvariantCulture), null, null, null];
        yield return ["data_dictionary", "/reports/data-dictionary.csv", null, null, null];
        foreach (var column in table.Columns)
        {
            yield return ["column", column.Name, column.TypeName, column.Unit, column.Meaning];
        }
    }

    private static async Task<int> WriteSheetAsync(ZipArchive zip, DateTimeOffset stamp, string path, IReadOnlyList<ExportColumn> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var sheet = zip.CreateEntry(path, CompressionLevel.Fastest);
        sheet.LastWriteTime = stamp;
        await using var sheetStream = await sheet.OpenAsync(cancellationToken);
        await using var xml = XmlWriter.Create(sheetStream, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync(standalone: true);
        await xml.WriteStartElementAsync(null, "worksheet", SheetNamespace);

        // The header stays in view while scrolling.
        await xml.WriteStartElementAsync(null, "sheetViews", SheetNamespace);
        await xml.WriteStartElementAsync(null, "sheetView", SheetNamespace);
        await xml.WriteAttributeStringAsync(null, "workbookViewId", null, "0");
        await xml.WriteStartElementAsync(null, "pane", SheetNamespace);
        await xml.WriteAttributeStringAsync(null, "ySplit", null, "1");
        await xml.WriteAttributeStringAsync(null, "topLeftCell", null, "A2");
        await xml.WriteAttributeStringAsync(null, "activePane", null, "bottomLeft");
        await xml.WriteAttributeStringAsync(null, "state", null, "frozen");
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "cols", SheetNamespace);
        for (var i = 0; i < columns.Count; i++)
        {
            await xml.WriteStartElementAsync(null, "col", SheetNamespace);
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            await xml.WriteAttributeStringAsync(null, "min", null, number);
            await xml.WriteAttributeStringAsync(null, "max", null, number);
            await xml.WriteAttributeStringAsync(null, "width", null, Math.Clamp(columns[i].Name.Length + 4, 12, 40).ToString(CultureInfo.InvariantCulture));
            await xml.WriteAttributeStringAsync(null, "customWidth", null, "1");
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync(null, "sheetData", SheetNamespace);
        await WriteRowAsync(xml, 1, columns.Select(c => (object?)c.Name).ToArray(), header: true);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            written++;
            await WriteRowAsync(xml, written + 1, row, header: false);
            if (written % 500 == 0)
            {
                await xml.FlushAsync();
            }
        }

        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync(null, "autoFilter", SheetNamespace);
        await xml.WriteAttributeStringAsync(null, "ref", null, "A1:" + ColumnLetters(columns.Count - 1) + (written + 1).ToString(CultureInfo.InvariantCulture));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        return written;
    }

    private static async Task WriteRowAsync(XmlWriter xml, int rowNumber, object?[] cells, bool header)
    {
        var number = rowNumber.ToString(CultureInfo.InvariantCulture);
        await xml.WriteStartElementAsync(null, "row", SheetNamespace);
        await xml.WriteAttributeStringAsync(null, "r", null, number);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            await xml.WriteStartElementAsync(null, "c", SheetNamespace);
            await xml.WriteAttributeStringAsync(null, "r", null, ColumnLetters(i) + number);
            switch (cell)
            {
                case null:
                    break;
                case int or long:
                    await WriteNumberAsync(xml, IntegerStyle, ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture));
                    break;
                case double or decimal:
                    await WriteNumberAsync(xml, NumberStyle, ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture));
                    break;
                case DateOnly date:
                    await WriteNumberAsync(xml, DateStyle, (date.DayNumber - ExcelEpochDay).ToString(CultureInfo.InvariantCulture));
                    break;
                case DateTime time:
                    var serial = (DateOnly.FromDateTime(time).DayNumber - ExcelEpochDay) + (time.TimeOfDay.TotalSeconds / 86400d);
                    await WriteNumberAsync(xml, DateTimeStyle, serial.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case bool flag:
                    await xml.WriteAttributeStringAsync(null, "t", null, "b");
                    await xml.WriteElementStringAsync(null, "v", SheetNamespace, flag ? "1" : "0");
                    break;
                default:
                    if (header)
                    {
                        await xml.WriteAttributeStringAsync(null, "s", null, HeaderStyle.ToString(CultureInfo.InvariantCulture));
                    }

                    await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
                    await xml.WriteStartElementAsync(null, "is", SheetNamespace);
                    await xml.WriteStartElementAsync(null, "t", SheetNamespace);
                    await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
                    await xml.WriteStringAsync(XmlSafe(FormulaGuard.Neutralise(cell.ToString() ?? string.Empty)));
                    await xml.WriteEndElementAsync();
                    await xml.WriteEndElementAsync();
                    break;
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task WriteNumberAsync(XmlWriter xml, int style, string value)
    {
        await xml.WriteAttributeStringAsync(null, "s", null, style.ToString(CultureInfo.InvariantCulture));
        await xml.WriteElementStringAsync(null, "v", SheetNamespace, value);
    }

    private static async Task WriteEntryAsync(ZipArchive zip, DateTimeOffset stamp, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = stamp;
        await using var stream = await entry.OpenAsync();
        var bytes = Encoding.UTF8.GetBytes(content);
        await stream.WriteAsync(bytes);
    }

    /// <summary>XML 1.0 cannot carry most control characters; they become U+FFFD rather than breaking the file.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text[i]).Append(text[++i]);
            }
            else
            {
                safe.Append('\uFFFD');
            }
        }

        return safe.ToString();
    }
}
