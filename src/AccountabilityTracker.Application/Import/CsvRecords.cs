using System.Text;

namespace AccountabilityTracker.Application.Import;

/// <summary>One CSV record and its row number as a spreadsheet shows it (the header is row 1).</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Cells);

/// <summary>A small RFC 4180 reader: commas, double-quoted cells with doubled quotes, CRLF or LF line ends.</summary>
public static class CsvRecords
{
    public static List<CsvRecord> Parse(string text, List<ImportMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(messages);
        var records = new List<CsvRecord>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var row = 1;
        var recordRow = 1;
        var inQuotes = false;
        var quotedCellRow = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        row++;
                    }

                    cell.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    inQuotes = true;
                    quotedCellRow = row;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    Add(records, recordRow, cells);
                    cells = [];
                    row++;
                    recordRow = row;
                    break;
                default:
                    cell.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            messages.Add(new(ImportSeverity.Error, quotedCellRow, null, "A quoted cell starting on this row is never closed: a double quote (\") is missing, so the rest of the file cannot be read."));
            return [];
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            Add(records, recordRow, cells);
        }

        return records;
    }

    private static void Add(List<CsvRecord> records, int row, List<string> cells)
    {
        // A blank line is a row in a spreadsheet too: it keeps its number but holds nothing to import.
        if (cells.TrueForAll(c => c.Trim().Length == 0))
        {
            return;
        }

        records.Add(new CsvRecord(row, cells));
    }
}
