using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.VisualBasic.FileIO;

namespace AccountabilityTracker.Web.Tests.Exports;

/// <summary>
/// Reads the exports back with readers that share nothing with the app's writers: .NET's TextFieldParser with its
/// defaults for CSV (as a spreadsheet or pandas would read it: the first row is the header), and the Open XML SDK for
/// .xlsx (cells with their types and number formats, sheets by name, panes and filters).
/// </summary>
public static class IndependentReaders
{
    public static List<List<string>> Csv(byte[] bytes)
    {
        using var parser = new TextFieldParser(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncoding: true);
        parser.SetDelimiters(",");
        parser.HasFieldsEnclosedInQuotes = true;
        parser.TrimWhiteSpace = false;
        var rows = new List<List<string>>();
        while (!parser.EndOfData)
        {
            rows.Add([.. parser.ReadFields()!]);
        }

        return rows;
    }

    public sealed record Cell(string Text, double? Number, DateOnly? Date, bool? Flag, bool IsFormula);

    public sealed record Sheet(List<List<Cell>> Rows, bool HeaderFrozen, string? AutoFilter);

    public sealed record Workbook(Dictionary<string, Sheet> Sheets, List<string> SheetOrder);

    public static Workbook Xlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = document.WorkbookPart!;
        var formats = part.WorkbookStylesPart?.Stylesheet;
        var sheets = new Dictionary<string, Sheet>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var s in part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
        {
            var worksheet = ((WorksheetPart)part.GetPartById(s.Id!)).Worksheet;
            var rows = new List<List<Cell>>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var cells = new List<Cell>();
                foreach (var c in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
                {
                    // Cells are written in order with no gaps beyond the row's own nulls: a reference tells the column.
                    var column = ColumnIndex(c.CellReference!.Value!);
                    while (cells.Count < column)
                    {
                        cells.Add(new Cell(string.Empty, null, null, null, false));
                    }

                    cells.Add(Read(c, formats));
                }

                rows.Add(cells);
            }

            var pane = worksheet.Descendants<Pane>().FirstOrDefault();
            var frozen = pane is not null && pane.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1;
            sheets[s.Name!.Value!] = new Sheet(rows, frozen, worksheet.Descendants<AutoFilter>().FirstOrDefault()?.Reference?.Value);
            order.Add(s.Name!.Value!);
        }

        return new Workbook(sheets, order);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    private static Cell Read(DocumentFormat.OpenXml.Spreadsheet.Cell c, Stylesheet? styles)
    {
        var isFormula = c.CellFormula is not null;
        if (c.DataType?.Value == CellValues.InlineString)
        {
            return new Cell(c.InlineString?.InnerText ?? string.Empty, null, null, null, isFormula);
        }

        if (c.DataType?.Value == CellValues.Boolean)
        {
            var flag = c.CellValue?.Text == "1";
            return new Cell(flag ? "true" : "false", null, null, flag, isFormula);
        }

        if (c.CellValue is null)
        {
            return new Cell(string.Empty, null, null, null, isFormula);
        }

        var number = double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture);
        var format = FormatCode(c, styles);
        if (format is not null && format.Contains("yy", StringComparison.Ordinal))
        {
            var date = DateOnly.FromDateTime(DateTime.FromOADate(number));
            return new Cell(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), number, date, null, isFormula);
        }

        return new Cell(c.CellValue.Text, number, null, null, isFormula);
    }

    private static string? FormatCode(DocumentFormat.OpenXml.Spreadsheet.Cell c, Stylesheet? styles)
    {
        if (c.StyleIndex is null || styles?.CellFormats is null)
        {
            return null;
        }

        var format = styles.CellFormats.Elements<CellFormat>().ElementAt((int)c.StyleIndex.Value);
        var id = format.NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id)?.FormatCode?.Value
            ?? (id is >= 14 and <= 22 ? "builtin-date-yy" : null);
    }
}
