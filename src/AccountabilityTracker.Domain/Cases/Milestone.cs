using AccountabilityTracker.Domain.Clocks;
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

    internal Milestone(Case owner, string label, PartialDate date, string? notes, MilestoneType type = MilestoneType.Other)
    {
        Case = owner;
        Type = RequireType(type);
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

    /// <summary>What the milestone is (referral, papers to chair…); <see cref="MilestoneType.Other"/> when untyped.</summary>
    public MilestoneType Type { get; private set; }

    /// <summary>
    /// The clock of an event-to-event rule that runs from this milestone (e.g. papers to chair → pre-hearing), as last
    /// computed; not applicable when no enabled rule of the case's jurisdiction starts at this milestone's type.
    /// </summary>
    public ClockRecord Clock { get; private set; } = new();

    public DateOnly? OccurredOn { get; private set; }

    public DatePrecision Precision { get; private set; }

    public PartialDate Date => PartialDate.FromStored(OccurredOn, Precision);

    public string? Notes { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyCollection<Source> Sources => _sources;

    public void Edit(string label, PartialDate date, string? notes, DateTime nowUtc) => Edit(label, date, notes, Type, nowUtc);

    public void Edit(string label, PartialDate date, string? notes, MilestoneType type, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Type = RequireType(type);
        Label = label.Trim();
        OccurredOn = date.Earliest;
        Precision = date.Precision;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }

    /// <summary>Stores the event-to-event clock computed from this milestone and the case's others; it changes neither the version nor the update time.</summary>
    public void RecordClock(ClockRecord record) => Clock = record ?? throw new ArgumentNullException(nameof(record));

    internal void AttachSource(Source source) => _sources.Add(source);

    private static MilestoneType RequireType(MilestoneType type) =>
        Enum.IsDefined(type) ? type : throw new DomainRuleException("Choose what kind of milestone it is from the list.");

    internal void DetachSource(Source source) => _sources.Remove(source);
}
