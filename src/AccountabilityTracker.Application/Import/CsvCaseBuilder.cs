using AccountabilityTracker.Application.Interchange;

namespace AccountabilityTracker.Application.Import;

/// <summary>Groups CSV rows by case_id into interchange entries, checking that repeated case columns agree.</summary>
internal sealed class CsvCaseBuilder(Dictionary<string, int> columns, int sourceGroups, List<ImportMessage> messages)
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    private readonly Dictionary<string, CaseRows> _cases = new(StringComparer.Ordinal);
    private readonly List<CaseRows> _order = [];
    private readonly HashSet<(int, string)> _warned = [];

    public List<ParsedEntry> Build(IEnumerable<CsvRecord> records)
    {
        foreach (var record in records)
        {
            AddRow(record);
        }

        return [.. _order.Select(c => new ParsedEntry(
            c.Entry,
            new CsvEntryLocator(c.FirstRow, c.LastRow, c.StageRows, c.MilestoneRows, c.OfficerEventRows)))];
    }

    private void AddRow(CsvRecord record)
    {
        if (record.Cells.Count > columns.Values.Max() + 1 && record.Cells.Skip(columns.Values.Max() + 1).Any(c => c.Trim().Length > 0))
        {
            messages.Add(new(ImportSeverity.Warning, record.Row, null, "This row has more cells than the header row has columns; the extra cells are ignored."));
        }

        var caseId = Cell(record, CaseCsv.CaseId);
        if (caseId is null)
        {
            messages.Add(new(ImportSeverity.Error, record.Row, CaseCsv.CaseId, "Every row needs a case_id: the stable id that ties the rows of one case together and matches it on re-import."));
            return;
        }

        if (!_cases.TryGetValue(caseId, out var rows))
        {
            rows = new CaseRows(record.Row, NewEntry(caseId, record), CaseCsv.CaseColumns.ToDictionary(c => c, c => Cell(record, c, warn: false), StringComparer.Ordinal));
            _cases.Add(caseId, rows);
            _order.Add(rows);
        }
        else
        {
            CheckRepeatedCaseColumns(rows, record);
        }

        rows.LastRow = record.Row;
        var rowType = Cell(record, CaseCsv.RowType)?.ToLowerInvariant();
        var itemCells = new[] { CaseCsv.Kind, CaseCsv.Label, CaseCsv.StartDate, CaseCsv.StartPrecision, CaseCsv.EndDate, CaseCsv.EndPrecision, CaseCsv.Outcome, CaseCsv.OutcomeType, CaseCsv.Officer }
            .Where(c => Cell(record, c) is not null)
            .ToList();
        var sources = Sources(record);
        rowType ??= itemCells.Count == 0 && sources.Count == 0 ? CaseCsv.CaseRow : CaseCsv.StageRow;

        switch (rowType)
        {
            case CaseCsv.StageRow:
                if (itemCells.Contains(CaseCsv.Officer))
                {
                    messages.Add(new(ImportSeverity.Error, record.Row, CaseCsv.Officer, "Only an officer event row names an officer: set row_type to officer_event, or leave officer empty."));
                }

                rows.Entry.Stages.Add(new CaseFileStage
                {
                    Kind = Cell(record, CaseCsv.Kind),
                    Label = Cell(record, CaseCsv.Label),
                    StartDate = Cell(record, CaseCsv.StartDate),
                    StartPrecision = Cell(record, CaseCsv.StartPrecision),
                    EndDate = Cell(record, CaseCsv.EndDate),
                    EndPrecision = Cell(record, CaseCsv.EndPrecision),
                    Outcome = Cell(record, CaseCsv.Outcome),
                    OutcomeType = Cell(record, CaseCsv.OutcomeType),
                    Sources = sources,
                });
                rows.StageRows.Add(record.Row);
                break;
            case CaseCsv.MilestoneRow:
                foreach (var column in new[] { CaseCsv.EndDate, CaseCsv.EndPrecision, CaseCsv.OutcomeType, CaseCsv.Officer }.Where(itemCells.Contains))
                {
                    messages.Add(new(ImportSeverity.Error, record.Row, column, $"A milestone is a single dated point: leave {column} empty (use start_date for its date)."));
                }

                rows.Entry.Milestones.Add(new CaseFileMilestone
                {
                    Label = Cell(record, CaseCsv.Label),
                    Type = Cell(record, CaseCsv.Kind),
                    Date = Cell(record, CaseCsv.StartDate),
                    Precision = Cell(record, CaseCsv.StartPrecision),
                    Notes = Cell(record, CaseCsv.Outcome),
                    Sources = sources,
                });
                rows.MilestoneRows.Add(record.Row);
                break;
            case CaseCsv.OfficerEventRow:
                foreach (var column in new[] { CaseCsv.Label, CaseCsv.OutcomeType }.Where(itemCells.Contains).Concat(sources.Count > 0 ? [CaseCsv.SourceColumn(1, "url")] : []))
                {
                    messages.Add(new(ImportSeverity.Error, record.Row, column, $"An officer event row gives officer, kind, start_date (its date), end_date (a period's end) and outcome (notes): leave {column} empty."));
                }

                rows.Entry.OfficerEvents.Add(new CaseFileOfficerEvent
                {
                    Officer = Cell(record, CaseCsv.Officer),
                    Kind = Cell(record, CaseCsv.Kind),
                    Date = Cell(record, CaseCsv.StartDate),
                    Precision = Cell(record, CaseCsv.StartPrecision),
                    EndDate = Cell(record, CaseCsv.EndDate),
                    EndPrecision = Cell(record, CaseCsv.EndPrecision),
                    Notes = Cell(record, CaseCsv.Outcome),
                });
                rows.OfficerEventRows.Add(record.Row);
                break;
            case CaseCsv.CaseRow:
                foreach (var column in itemCells)
                {
                    messages.Add(new(ImportSeverity.Error, record.Row, column, $"A row of type 'case' holds only the case columns: leave {column} empty, or set row_type to stage, milestone or officer_event."));
                }

                break;
            default:
                messages.Add(new(ImportSeverity.Error, record.Row, CaseCsv.RowType, $"'{rowType}' is not a row type: use stage, milestone, officer_event or case (empty means stage)."));
                break;
        }
    }

    private CaseFileEntry NewEntry(string caseId, CsvRecord record)
    {
        var entry = new CaseFileEntry
        {
            Id = caseId,
            Title = Cell(record, CaseCsv.Title),
            Subject = Cell(record, CaseCsv.Subject),
            IncidentDate = Cell(record, CaseCsv.IncidentDate),
            IncidentDatePrecision = Cell(record, CaseCsv.IncidentDatePrecision),
            Location = Cell(record, CaseCsv.Location),
            Force = Cell(record, CaseCsv.Force),
            IncidentType = Cell(record, CaseCsv.IncidentType),
            Harm = Cell(record, CaseCsv.Harm),
            Category = Cell(record, CaseCsv.Category),
            Jurisdiction = Cell(record, CaseCsv.Jurisdiction),
            Status = Cell(record, CaseCsv.Status),
            StatusNote = Cell(record, CaseCsv.StatusNote),
            ClosedOn = Cell(record, CaseCsv.ClosedOn),
            ExpectedOn = Cell(record, CaseCsv.ExpectedOn),
        };
        foreach (var officer in (Cell(record, CaseCsv.Officers) ?? string.Empty).Split(CaseCsv.OfficerSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            entry.OfficerDesignations.Add(officer);
        }

        foreach (var url in (Cell(record, CaseCsv.CaseSources) ?? string.Empty).Split(Whitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            entry.Sources.Add(url);
        }

        return entry;
    }

    /// <summary>Case columns may be left empty after a case's first row; a different value is an error, not a silent overwrite.</summary>
    private void CheckRepeatedCaseColumns(CaseRows rows, CsvRecord record)
    {
        var first = rows.FirstCells;
        foreach (var column in CaseCsv.CaseColumns.Where(c => c != CaseCsv.CaseId))
        {
            var value = Cell(record, column, warn: false);
            if (value is not null && !string.Equals(value, first[column], StringComparison.Ordinal))
            {
                messages.Add(new(
                    ImportSeverity.Error,
                    record.Row,
                    column,
                    $"This row gives {column} '{Shorten(value)}' but row {rows.FirstRow}, the first row of case '{rows.Entry.Id}', gives '{Shorten(first[column] ?? string.Empty)}'. Case columns must agree on every row of a case (or be left empty)."));
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private List<CaseFileSource> Sources(CsvRecord record)
    {
        var sources = new List<CaseFileSource>();
        for (var n = 1; n <= sourceGroups; n++)
        {
            var url = Cell(record, CaseCsv.SourceColumn(n, "url"));
            var publisher = Cell(record, CaseCsv.SourceColumn(n, "publisher"));
            var quote = Cell(record, CaseCsv.SourceColumn(n, "quote"));
            if (url is not null || publisher is not null || quote is not null)
            {
                sources.Add(new CaseFileSource { Url = url, Publisher = publisher, Quote = quote });
            }
        }

        return sources;
    }

    /// <summary>
    /// The trimmed cell, or null when empty. A leading apostrophe before = + - @ (how exports neutralise formulas) is
    /// removed; a cell that still starts like a formula is imported as plain text and flagged.
    /// </summary>
    internal string? Cell(CsvRecord record, string column, bool warn = true)
    {
        if (!columns.TryGetValue(column, out var index) || index >= record.Cells.Count)
        {
            return null;
        }

        var value = record.Cells[index].Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 1 && value[0] == '\'' && CaseCsv.LooksLikeFormula(value[1..]))
        {
            return value[1..];
        }

        if (warn && CaseCsv.LooksLikeFormula(value) && !_warned.Contains((record.Row, column)))
        {
            _warned.Add((record.Row, column));
            messages.Add(new(
                ImportSeverity.Warning,
                record.Row,
                column,
                $"The cell starts with '{value[0]}', so a spreadsheet would treat it as a formula. It is imported as plain text, exactly as written, and never run; exports put an apostrophe before it. Check it is what you meant."));
        }

        return value;
    }

    private sealed class CaseRows(int firstRow, CaseFileEntry entry, Dictionary<string, string?> firstCells)
    {
        public int FirstRow { get; } = firstRow;

        public int LastRow { get; set; } = firstRow;

        public CaseFileEntry Entry { get; } = entry;

        public List<int> StageRows { get; } = [];

        public List<int> MilestoneRows { get; } = [];

        public List<int> OfficerEventRows { get; } = [];

        /// <summary>The case columns as the case's first row gives them.</summary>
        public Dictionary<string, string?> FirstCells { get; } = firstCells;
    }
}
