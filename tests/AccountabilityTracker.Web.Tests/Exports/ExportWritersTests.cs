using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AccountabilityTracker.Web.Exports;

namespace AccountabilityTracker.Web.Tests.Exports;

public class ExportWritersTests
{
    private static readonly DateTime Generated = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Formula_starts_are_neutralised(string text, string expected) =>
        Assert.Equal(expected, FormulaGuard.Neutralise(text));

    [Fact]
    public async Task Csv_follows_RFC_4180_and_neutralises_formulas()
    {
        var csv = await WriteCsvAsync([["a,b", "say \"hi\"", 42], ["line\nbreak", null, 2.5], ["=1+1", new DateOnly(2024, 2, 29), -3]]);

        // The header is the first row: nothing above the data.
        var lines = csv.Split("\r\n");
        Assert.Equal("Text,Other,Number", lines[0]);
        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",42", lines[1]);
        Assert.Equal("\"line\nbreak\",,2.5", lines[2]);
        Assert.Equal("'=1+1,2024-02-29,-3", lines[3]);
    }

    [Fact]
    public async Task Xlsx_keeps_formula_text_as_text_and_numbers_as_numbers()
    {
        using var output = new MemoryStream();
        await XlsxExportWriter.WriteAsync(output, Table([["=HYPERLINK(\"http://x\",\"y\")", "bad\u0001char", 7]]), CancellationToken.None);

        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = sheet.Descendants(ns + "row").ToList();
        var cells = rows[1].Elements(ns + "c").ToList();

        Assert.Empty(sheet.Descendants(ns + "f"));
        Assert.Equal("inlineStr", cells[0].Attribute("t")?.Value);
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", cells[0].Value);
        Assert.Equal("bad\uFFFDchar", cells[1].Value);
        Assert.Null(cells[2].Attribute("t"));
        Assert.Equal("7", cells[2].Element(ns + "v")?.Value);
        Assert.Equal("Text", rows[0].Elements(ns + "c").First().Value);
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/worksheets/sheet2.xml"));
    }

    [Fact]
    public async Task Json_keeps_types_and_columns()
    {
        using var output = new MemoryStream();
        await JsonExportWriter.WriteAsync(output, Table([["x", null, 3]]), CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        var row = json.RootElement.GetProperty("rows")[0];
        Assert.Equal("x", row.GetProperty("Text").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("Other").ValueKind);
        Assert.Equal(3, row.GetProperty("Number").GetInt32());
        Assert.Equal("force=Kent Police", json.RootElement.GetProperty("filters").GetString());
    }

    private static async Task<string> WriteCsvAsync(object?[][] rows)
    {
        using var output = new MemoryStream();
        await CsvExportWriter.WriteAsync(output, Table(rows), CancellationToken.None);
        var text = Encoding.UTF8.GetString(output.ToArray());
        return text.TrimStart('\uFEFF');
    }

    private static ExportTable Table(object?[][] rows) =>
        new("report", "Report", "force=Kent Police", Generated, [new("Text", ExportType.Text, "text"), new("Other", ExportType.Text, "other"), new("Number", ExportType.Number, "a number")], rows.ToAsyncEnumerable());
}
