using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>A dated point in a case: referral, arrest, file to CPS, anonymity ruling, officer named.</summary>
public sealed class Milestone
{
    private readonly List<Source> _sources = [];

    private Milestone()
    {
        Label = string.Empty;
        Case = null!;
    }

    internal Milestone(Case owner, string label, PartialDate date, string? notes)
    {
        Case = owner;
        Label = label.Trim();
        OccurredOn = date.Earliest;
        Precision = date.Precision;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    public string Label { get; private set; }

    public DateOnly? OccurredOn { get; private set; }

    public DatePrecision Precision { get; private set; }

    public PartialDate Date => PartialDate.FromStored(OccurredOn, Precision);

    public string? Notes { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyCollection<Source> Sources => _sources;

    public void Edit(string label, PartialDate date, string? notes, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Label = label.Trim();
        OccurredOn = date.Earliest;
        Precision = date.Precision;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }

    internal void AttachSource(Source source) => _sources.Add(source);

    internal void DetachSource(Source source) => _sources.Remove(source);
}
