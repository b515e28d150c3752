using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace AccountabilityTracker.Web.Tests.Features.Reports;

/// <summary>Reads the exports back as a person's tools would: a CSV parser and the xlsx sheet XML.</summary>
public static class ExportReader
{
    /// <summary>RFC 4180 fields of every record, written independently of the app's writer.</summary>
    public static List<List<string>> Csv(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    /// <summary>Every row of the first sheet as text, and whether any cell holds a formula.</summary>
    public static (List<List<string>> Rows, bool HasFormula) Xlsx(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        Assert.NotEmpty(workbook.Descendants(ns + "sheet"));
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var rows = sheet.Descendants(ns + "row")
            .Select(r => r.Elements(ns + "c").Select(c => c.Element(ns + "is")?.Value ?? c.Element(ns + "v")?.Value ?? string.Empty).ToList())
            .ToList();
        return (rows, sheet.Descendants(ns + "f").Any());
    }
}
