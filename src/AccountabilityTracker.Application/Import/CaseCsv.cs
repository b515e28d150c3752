using System.Globalization;
using System.Text;
using AccountabilityTracker.Application.Interchange;

namespace AccountabilityTracker.Application.Import;

/// <summary>
/// The CSV form of the interchange format (docs/import.md): one row per stage, milestone or officer event, the case columns repeated
/// on each row of the case; sources of a row in numbered columns (<c>source_1_url</c>, <c>source_1_publisher</c>,
/// <c>source_1_quote</c>, <c>source_2_url</c>, …). RFC 4180: comma-separated, double quotes around cells holding a
/// comma, quote or line break, quotes doubled inside them; UTF-8.
/// </summary>
public static class CaseCsv
{
    public const string CaseId = "case_id";
    public const string Title = "title";
    public const string Subject = "subject";
    public const string IncidentDate = "incident_date";
    public const string IncidentDatePrecision = "incident_date_precision";
    public const string Location = "location";
    public const string Force = "force";
    public const string IncidentType = "incident_type";
    public const string Harm = "harm";
    public const string Category = "category";
    public const string Jurisdiction = "jurisdiction";
    public const string Status = "status";
    public const string StatusNote = "status_note";
    public const string ClosedOn = "closed_on";
    public const string ExpectedOn = "expected_on";
    public const string OutcomeType = "outcome_type";
    public const string Officers = "officers";
    public const string CaseSources = "case_sources";
    public const string RowType = "row_type";
    public const string Kind = "kind";
    public const string Label = "label";
    public const string StartDate = "start_date";
    public const string StartPrecision = "start_precision";
    public const string EndDate = "end_date";
    public const string EndPrecision = "end_precision";
    public const string Outcome = "outcome";
    public const string Officer = "officer";

    public const string StageRow = "stage";
    public const string MilestoneRow = "milestone";
    public const string OfficerEventRow = "officer_event";
    public const string CaseRow = "case";

    /// <summary>Officer designations in one cell are separated by semicolons.</summary>
    public const char OfficerSeparator = ';';

    /// <summary>The case columns, repeated on every row of a case.</summary>
    public static IReadOnlyList<string> CaseColumns { get; } =
        [CaseId, Title, Subject, IncidentDate, IncidentDatePrecision, Location, Force, IncidentType, Harm, Category, Jurisdiction, Status, StatusNote, ClosedOn, ExpectedOn, Officers, CaseSources];

    /// <summary>The columns of the row's own stage or milestone, before the numbered source columns.</summary>
    public static IReadOnlyList<string> RowColumns { get; } = [RowType, Kind, Label, StartDate, StartPrecision, EndDate, EndPrecision, Outcome, OutcomeType, Officer];

    /// <summary>A file missing any of these cannot be read.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = [CaseId, Title, IncidentDate, Force, Kind, Label, StartDate, EndDate];

    public static IReadOnlyList<string> SourceFields { get; } = ["url", "publisher", "quote"];

    public static string SourceColumn(int number, string field) => string.Create(CultureInfo.InvariantCulture, $"source_{number}_{field}");

    /// <summary>The template offered for download: the header with three source column groups and a worked example.</summary>
    public static string Template() => Write([ExampleCase()], minimumSourceGroups: 3);

    /// <summary>Writes cases as CSV (UTF-8 text, CRLF line ends). Cells that a spreadsheet would run as a formula get a leading apostrophe.</summary>
    public static string Write(IEnumerable<CaseFileEntry> entries, int minimumSourceGroups = 1)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var groups = Math.Max(
            minimumSourceGroups,
            list.SelectMany(e => e.Stages.Select(s => s.Sources.Count).Concat(e.Milestones.Select(m => m.Sources.Count))).DefaultIfEmpty(0).Max());
        var header = CaseColumns.Concat(RowColumns)
            .Concat(Enumerable.Range(1, groups).SelectMany(n => SourceFields.Select(f => SourceColumn(n, f))))
            .ToList();
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var entry in list)
        {
            var caseCells = new[]
            {
                entry.Id, entry.Title, entry.Subject, entry.IncidentDate, entry.IncidentDatePrecision, entry.Location, entry.Force,
                entry.IncidentType, entry.Harm, entry.Category, entry.Jurisdiction, entry.Status, entry.StatusNote, entry.ClosedOn, entry.ExpectedOn,
                string.Join("; ", entry.Officers.Select(CaseFileMapper.ToDesignation).Concat(entry.OfficerDesignations)), string.Join('\n', entry.Sources),
            };
            var rows = entry.Stages.Select(s => (Type: StageRow, s.Kind, s.Label, s.StartDate, s.StartPrecision, s.EndDate, s.EndPrecision, s.Outcome, s.OutcomeType, Officer: (string?)null, s.Sources))
                .Concat(entry.Milestones.Select(m => (Type: MilestoneRow, Kind: m.Type, m.Label, StartDate: m.Date, StartPrecision: m.Precision, EndDate: (string?)null, EndPrecision: (string?)null, Outcome: m.Notes, OutcomeType: (string?)null, Officer: (string?)null, m.Sources)))
                .Concat(entry.OfficerEvents.Select(e => (Type: OfficerEventRow, e.Kind, Label: (string?)null, StartDate: e.Date, StartPrecision: e.Precision, e.EndDate, e.EndPrecision, Outcome: e.Notes, OutcomeType: (string?)null, e.Officer, Sources: (IList<CaseFileSource>)[])))
                .ToList();
            if (rows.Count == 0)
            {
                AppendRow(text, [.. caseCells, CaseRow]);
            }

            foreach (var row in rows)
            {
                var cells = new List<string?>(caseCells) { row.Type, row.Kind, row.Label, row.StartDate, row.StartPrecision, row.EndDate, row.EndPrecision, row.Outcome, row.OutcomeType, row.Officer };
                foreach (var source in row.Sources)
                {
                    cells.AddRange([source.Url, source.Publisher, source.Quote]);
                }

                AppendRow(text, cells);
            }
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            var value = Neutralise(cell ?? string.Empty);
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append("\r\n");
    }

    /// <summary>True for text a spreadsheet would run as a formula (CSV injection).</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Neutralise(string text) => LooksLikeFormula(text) ? "'" + text : text;

    private static CaseFileEntry ExampleCase() => new()
    {
        Id = "example-2021-001",
        Title = "Example: fatal shooting in Anytown (2021)",
        Subject = "not published",
        IncidentDate = "2021-03-14",
        IncidentDatePrecision = "day",
        Location = "High Street, Anytown",
        Force = "Kent Police",
        IncidentType = "Shooting",
        Harm = "Fatal",
        Category = "OtherCriminalOperation",
        Jurisdiction = "england_and_wales",
        OfficerDesignations = ["A1", "B2 (restricted name: Example Name)", "PC Example Officer (named)"],
        Sources = ["https://www.example.org/news/anytown-shooting"],
        Stages =
        [
            new CaseFileStage
            {
                Kind = "IopcInvestigation",
                Label = "IOPC independent investigation",
                StartDate = "2021-03-14",
                StartPrecision = "day",
                EndDate = "2022-01",
                EndPrecision = "month",
                Outcome = "File referred to the CPS",
                OutcomeType = "ReferredToCps",
                Sources = [new CaseFileSource { Url = "https://www.example.org/iopc/anytown", Publisher = "IOPC", Quote = "We have begun an independent investigation." }],
            },
            new CaseFileStage { Kind = "Inquest", Label = "Inquest opened and adjourned", StartDate = "2021-03-30", StartPrecision = "day", EndPrecision = "running" },
        ],
        Milestones = [new CaseFileMilestone { Label = "Referral to the IOPC", Date = "2021-03-14", Precision = "day", Notes = "Mandatory referral by the force" }],
        OfficerEvents =
        [
            new CaseFileOfficerEvent { Officer = "A1", Kind = "Suspended", Date = "2021-03", Precision = "month", Notes = "Reported by the force" },
            new CaseFileOfficerEvent { Officer = "A1", Kind = "CriminalNoticeServed", Date = "2021-04-02", Precision = "day" },
        ],
    };
}
