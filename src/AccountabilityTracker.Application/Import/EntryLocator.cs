using System.Globalization;

namespace AccountabilityTracker.Application.Import;

/// <summary>Where a field of one case sits in the uploaded file, so every message can name its row and column.</summary>
public abstract class EntryLocator
{
    /// <summary>The row a reader sees for the case as a whole: "3" (JSON: third case) or "2–16" (CSV rows).</summary>
    public abstract string Rows { get; }

    public abstract (int? Row, string Column) Case(string field);

    public abstract (int? Row, string Column) Officer(int index);

    public abstract (int? Row, string Column) CaseSource(int index);

    public abstract (int? Row, string Column) Stage(int index, string field);

    public abstract (int? Row, string Column) StageSource(int stage, int source, string field);

    public abstract (int? Row, string Column) Milestone(int index, string field);

    public abstract (int? Row, string Column) MilestoneSource(int milestone, int source, string field);

    public abstract (int? Row, string Column) OfficerEvent(int index, string field);
}

/// <summary>JSON: the row is the case's position in the array; the column is the field path inside it.</summary>
public sealed class JsonEntryLocator(int caseNumber) : EntryLocator
{
    public override string Rows => caseNumber.ToString(CultureInfo.InvariantCulture);

    public override (int? Row, string Column) Case(string field) => (caseNumber, field);

    public override (int? Row, string Column) Officer(int index) => (caseNumber, Invariant($"officer_designations[{index}]"));

    public override (int? Row, string Column) CaseSource(int index) => (caseNumber, Invariant($"sources[{index}]"));

    public override (int? Row, string Column) Stage(int index, string field) => (caseNumber, Invariant($"stages[{index}].{field}"));

    public override (int? Row, string Column) StageSource(int stage, int source, string field) => (caseNumber, Invariant($"stages[{stage}].sources[{source}].{field}"));

    public override (int? Row, string Column) Milestone(int index, string field) => (caseNumber, Invariant($"milestones[{index}].{field}"));

    public override (int? Row, string Column) MilestoneSource(int milestone, int source, string field) => (caseNumber, Invariant($"milestones[{milestone}].sources[{source}].{field}"));

    public override (int? Row, string Column) OfficerEvent(int index, string field) => (caseNumber, Invariant($"officer_events[{index}].{field}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>CSV: case fields sit on the case's first row; each stage and milestone on its own row.</summary>
public sealed class CsvEntryLocator(int firstRow, int lastRow, IReadOnlyList<int> stageRows, IReadOnlyList<int> milestoneRows, IReadOnlyList<int>? officerEventRows = null) : EntryLocator
{
    public override string Rows => firstRow == lastRow
        ? firstRow.ToString(CultureInfo.InvariantCulture)
        : FormattableString.Invariant($"{firstRow}–{lastRow}");

    public override (int? Row, string Column) Case(string field) => (firstRow, field switch
    {
        "id" => CaseCsv.CaseId,
        _ => field,
    });

    public override (int? Row, string Column) Officer(int index) => (firstRow, CaseCsv.Officers);

    public override (int? Row, string Column) CaseSource(int index) => (firstRow, CaseCsv.CaseSources);

    public override (int? Row, string Column) Stage(int index, string field) => (stageRows[index], field);

    public override (int? Row, string Column) StageSource(int stage, int source, string field) => (stageRows[stage], CaseCsv.SourceColumn(source + 1, field));

    public override (int? Row, string Column) Milestone(int index, string field) => (milestoneRows[index], field switch
    {
        "type" => CaseCsv.Kind,
        "date" => CaseCsv.StartDate,
        "precision" => CaseCsv.StartPrecision,
        "notes" => CaseCsv.Outcome,
        _ => field,
    });

    public override (int? Row, string Column) MilestoneSource(int milestone, int source, string field) => (milestoneRows[milestone], CaseCsv.SourceColumn(source + 1, field));

    public override (int? Row, string Column) OfficerEvent(int index, string field) => (officerEventRows?[index] ?? firstRow, field switch
    {
        "date" => CaseCsv.StartDate,
        "precision" => CaseCsv.StartPrecision,
        "notes" => CaseCsv.Outcome,
        _ => field,
    });
}
