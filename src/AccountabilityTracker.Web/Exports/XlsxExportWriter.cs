using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// A minimal Office Open XML workbook written row by row into a zip on the response stream (no temporary file,
/// no whole-sheet buffer). Text is written as inline strings, never formulas, so "=HYPERLINK(...)" stays text;
/// the same neutralising apostrophe as the CSV is added too, so both files read alike.
/// </summary>
public static class XlsxExportWriter
{
    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // Every entry carries the same timestamp (the earliest a zip can hold) rather than the clock's, so the same figures
    // always give the same bytes: the page's file and the API's are compared byte for byte.
    private static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task WriteAsync(Stream output, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await WriteEntryAsync(zip, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        await WriteEntryAsync(zip, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        await WriteEntryAsync(zip, "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"" + SheetNamespace + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Export\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        await WriteEntryAsync(zip, "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");

        var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        sheet.LastWriteTime = EntryTimestamp;
        await using var sheetStream = await sheet.OpenAsync(cancellationToken);
        await using var xml = XmlWriter.Create(sheetStream, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync(standalone: true);
        await xml.WriteStartElementAsync(null, "worksheet", SheetNamespace);
        await xml.WriteStartElementAsync(null, "sheetData", SheetNamespace);

        await WriteRowAsync(xml, [table.Title, "Filters: " + table.Filters, "Generated (UTC): " + table.GeneratedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]);
        await WriteRowAsync(xml, table.Columns.Cast<object?>().ToArray());
        var written = 0;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            await WriteRowAsync(xml, row);
            if (++written % 500 == 0)
            {
                await xml.FlushAsync();
            }
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteRowAsync(XmlWriter xml, IReadOnlyList<object?> cells)
    {
        await xml.WriteStartElementAsync(null, "row", SheetNamespace);
        foreach (var cell in cells)
        {
            await xml.WriteStartElementAsync(null, "c", SheetNamespace);
            switch (cell)
            {
                case null:
                    break;
                case int or long or double or decimal:
                    await xml.WriteElementStringAsync(null, "v", SheetNamespace, ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    var text = cell switch
                    {
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        _ => FormulaGuard.Neutralise(cell.ToString() ?? string.Empty),
                    };
                    await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
                    await xml.WriteStartElementAsync(null, "is", SheetNamespace);
                    await xml.WriteStartElementAsync(null, "t", SheetNamespace);
                    await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
                    await xml.WriteStringAsync(XmlSafe(text));
                    await xml.WriteEndElementAsync();
                    await xml.WriteEndElementAsync();
                    break;
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTimestamp;
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
