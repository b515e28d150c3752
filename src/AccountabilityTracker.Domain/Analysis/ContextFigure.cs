namespace AccountabilityTracker.Domain.Analysis;

/// <summary>Whether a context figure is a count as published, an approximation ("about 4,000") or an upper bound ("two or fewer").</summary>
public enum FigureQualifier
{
    Exact = 0,
    Approximately = 1,
    AtMost = 2,
}

/// <summary>
/// One published figure that gives case counts their context (armed operations, firearms discharge incidents, armed
/// officers), for a force or a nation and a year (or a typical year), always with its source and the wording of its
/// release, since releases define their counts differently.
/// </summary>
public sealed class ContextFigure
{
    private ContextFigure()
    {
        Area = string.Empty;
        Measure = string.Empty;
        SourceUrl = string.Empty;
        Wording = string.Empty;
    }

    public ContextFigure(string area, DateOnly? yearEnding, string? periodNote, string measure, decimal value, FigureQualifier qualifier, string sourceUrl, string? publisher, string? published, string wording, string? note)
    {
        if (string.IsNullOrWhiteSpace(area) || string.IsNullOrWhiteSpace(measure) || string.IsNullOrWhiteSpace(sourceUrl) || string.IsNullOrWhiteSpace(wording))
        {
            throw new DomainRuleException("A context figure needs an area, a measure, a source and the wording of its release.");
        }

        if (yearEnding is null && string.IsNullOrWhiteSpace(periodNote))
        {
            throw new DomainRuleException("A context figure needs the year it covers or a note on its period.");
        }

        Area = area.Trim();
        YearEnding = yearEnding;
        PeriodNote = string.IsNullOrWhiteSpace(periodNote) ? null : periodNote.Trim();
        Measure = measure.Trim();
        Value = value;
        Qualifier = qualifier;
        SourceUrl = sourceUrl.Trim();
        Publisher = publisher;
        Published = published;
        Wording = wording.Trim();
        Note = note;
    }

    public int Id { get; private set; }

    /// <summary>A force or a nation ("England and Wales", "Metropolitan Police Service").</summary>
    public string Area { get; private set; }

    /// <summary>The last day of the period (financial years end on 31 March); null for a "typical year" statement.</summary>
    public DateOnly? YearEnding { get; private set; }

    public string? PeriodNote { get; private set; }

    /// <summary>What is counted: firearms_operations, discharge_incidents, armed_officers, armed_incidents, discharge_occasions.</summary>
    public string Measure { get; private set; }

    public decimal Value { get; private set; }

    public FigureQualifier Qualifier { get; private set; }

    public string SourceUrl { get; private set; }

    public string? Publisher { get; private set; }

    /// <summary>When the source was published, as precise as it says ("2018-07-26", "2023-09").</summary>
    public string? Published { get; private set; }

    /// <summary>The release's own words for the figure.</summary>
    public string Wording { get; private set; }

    /// <summary>How a figure was derived, when it was not stated directly.</summary>
    public string? Note { get; private set; }

    public bool IsArchived { get; private set; }

    public void Archive() => IsArchived = true;
}
