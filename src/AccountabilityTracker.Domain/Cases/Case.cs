using System.Linq.Expressions;
using System.Globalization;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>One incident in which police used force, and everything that followed it.</summary>
public sealed class Case
{
    private readonly List<Stage> _stages = [];
    private readonly List<Milestone> _milestones = [];
    private readonly List<Officer> _officers = [];
    private readonly List<OfficerEvent> _officerEvents = [];
    private readonly List<Source> _sources = [];

    private Case()
    {
        Reference = string.Empty;
        Title = string.Empty;
        Subject = string.Empty;
        Location = string.Empty;
        Force = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The human reference, e.g. ATC-2022-0007.</summary>
    public string Reference { get; private set; }

    /// <summary>A stable identifier from an imported dataset (e.g. "chris-kaba-2022"), so re-imports match.</summary>
    public string? ExternalId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The subject's name as published, with age, or "not published".</summary>
    public string Subject { get; private set; }

    public DateOnly? IncidentOn { get; private set; }

    public DatePrecision IncidentPrecision { get; private set; }

    public PartialDate IncidentDate => PartialDate.FromStored(IncidentOn, IncidentPrecision);

    public TimeOnly? IncidentTime { get; private set; }

    public string Location { get; private set; }

    public string Force { get; private set; }

    public IncidentType IncidentType { get; private set; }

    public Harm Harm { get; private set; }

    public OperationCategory Category { get; private set; }

    /// <summary>The legal system the case belongs to; its clocks come from that jurisdiction's rules only.</summary>
    public Jurisdiction Jurisdiction { get; private set; } = Jurisdiction.EnglandAndWales;

    /// <summary>Open until someone closes it; or awaiting a next step.</summary>
    public CaseStatus Status { get; private set; }

    /// <summary>Why the case was closed, or what it awaits.</summary>
    public string? StatusNote { get; private set; }

    /// <summary>The day the case was closed: the whole-case clock ends then.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>When the awaited next step is expected; past it, a case with no running stage is stalled.</summary>
    public DateOnly? ExpectedOn { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>Restricted: notes only Administrators and Caseworkers may read (e.g. what a rep heard in confidence).</summary>
    public string? ConfidentialNotes { get; private set; }

    public bool IsArchived { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>
    /// Optimistic concurrency token of the case's own fields, renewed whenever they change (works on SQLite and SQL Server
    /// alike). A change to a stage, milestone, officer or source moves <see cref="UpdatedAtUtc"/> only, so someone adding
    /// a stage does not refuse a colleague's edit of the case's particulars.
    /// </summary>
    public Guid Version { get; private set; }

    /// <summary>The whole-case clock as last computed from the incident, the stages' ends and the rule.</summary>
    public ClockRecord Clock { get; private set; } = new();

    public IReadOnlyCollection<Stage> Stages => _stages;

    public IReadOnlyCollection<Milestone> Milestones => _milestones;

    public IReadOnlyCollection<Officer> Officers => _officers;

    /// <summary>What happened to each officer (arrested, suspended, charged…), removed ones included (hidden by <see cref="OfficerEvent.IsRemoved"/>).</summary>
    public IReadOnlyCollection<OfficerEvent> OfficerEvents => _officerEvents;

    /// <summary>Every source of the case, including those attached to a stage or milestone.</summary>
    public IReadOnlyCollection<Source> Sources => _sources;

    public static string FormatReference(int incidentYear, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"ATC-{incidentYear:D4}-{sequence:D4}");

    public static Case Open(string reference, CaseParticulars particulars, DateTime nowUtc, string? externalId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var created = new Case
        {
            Reference = reference,
            ExternalId = externalId,
            CreatedAtUtc = nowUtc,
        };
        created.Apply(particulars, nowUtc);
        return created;
    }

    public void Update(CaseParticulars particulars, DateTime nowUtc) => Apply(particulars, nowUtc);

    /// <param name="outcomeType">The type a person chose for the outcome; without one, an outcome in words is "not classified".</param>
    public Stage AddStage(StageKind kind, string label, PartialDate start, PartialDate? end, string? outcome, DateTime nowUtc, string? notes = null, OutcomeType outcomeType = OutcomeType.None)
    {
        var stage = new Stage(this, kind, label, start, end, outcome, notes);
        if (outcomeType != OutcomeType.None)
        {
            stage.ClassifyOutcome(outcomeType, nowUtc);
        }

        _stages.Add(stage);
        PartChanged(nowUtc);
        return stage;
    }

    public Milestone AddMilestone(string label, PartialDate date, string? notes, DateTime nowUtc, MilestoneType type = MilestoneType.Other)
    {
        var milestone = new Milestone(this, label, date, notes, type);
        _milestones.Add(milestone);
        PartChanged(nowUtc);
        return milestone;
    }

    public Officer AddOfficer(string? cipher, string? realName, bool underAnonymityOrder, DateOnly? publiclyNamedOn, DateTime nowUtc) =>
        AddOfficer(new OfficerDetails(cipher, realName, NameIsPublic: publiclyNamedOn is not null, publiclyNamedOn, underAnonymityOrder), nowUtc);

    /// <summary>Adds an officer known by a cipher, a name, or both.</summary>
    public Officer AddOfficer(OfficerDetails details, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Cipher is { } cipher && !string.IsNullOrWhiteSpace(cipher))
        {
            RequireUniqueCipher(cipher, except: null);
        }

        var officer = new Officer(this, details);
        _officers.Add(officer);
        PartChanged(nowUtc);
        return officer;
    }

    /// <summary>Records something that happened to one of the case's officers, or a period (suspension, restricted duties) with an optional end.</summary>
    public OfficerEvent AddOfficerEvent(Officer officer, OfficerEventKind kind, PartialDate on, PartialDate? end, string? notes, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(officer);
        RequireOwnOfficer(officer);
        var added = new OfficerEvent(this, officer, kind, on, end, notes);
        _officerEvents.Add(added);
        PartChanged(nowUtc);
        return added;
    }

    /// <summary>Closes the case: its proceedings are over. The whole-case clock ends on <paramref name="on"/>.</summary>
    public void Close(DateOnly on, string reason, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Give the reason the case is closed.");
        }

        if (IncidentDate.Earliest is { } incident && on < incident)
        {
            throw new DomainRuleException($"A case cannot close before its incident ({IncidentDate}).");
        }

        Status = CaseStatus.Closed;
        StatusNote = reason.Trim();
        ClosedOn = on;
        ExpectedOn = null;
        Touch(nowUtc);
    }

    /// <summary>Marks the case as waiting for a next step (a hearing to be listed, a decision), expected by <paramref name="expectedOn"/> if known.</summary>
    public void AwaitNextStep(string nextStep, DateOnly? expectedOn, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(nextStep))
        {
            throw new DomainRuleException("Say what the case is waiting for.");
        }

        Status = CaseStatus.Awaiting;
        StatusNote = nextStep.Trim();
        ExpectedOn = expectedOn;
        ClosedOn = null;
        Touch(nowUtc);
    }

    /// <summary>Opens the case again (or clears what it was waiting for).</summary>
    public void Reopen(DateTime nowUtc)
    {
        Status = CaseStatus.Open;
        StatusNote = null;
        ClosedOn = null;
        ExpectedOn = null;
        Touch(nowUtc);
    }

    /// <summary>
    /// What a reader is told about where the case stands: closed (with the date and reason); "awaiting …" when it was
    /// marked so or when no stage runs; otherwise open. A case with no running stage is never read as concluded until
    /// someone closes it.
    /// </summary>
    public static string DescribeStatus(CaseStatus status, string? note, DateOnly? closedOn, DateOnly? expectedOn, bool hasRunningStage) => status switch
    {
        CaseStatus.Closed => FormattableString.Invariant($"Closed on {closedOn:d MMM yyyy}") + (note is null ? string.Empty : ": " + note),
        CaseStatus.Awaiting => "Awaiting: " + note + (expectedOn is { } e ? FormattableString.Invariant($" (expected by {e:d MMM yyyy})") : string.Empty),
        _ when !hasRunningStage => "Awaiting: next step not recorded",
        _ => "Open",
    };

    /// <summary>
    /// Stalled on a day: not closed, no stage running, and waiting past the expected date of its next step. The one
    /// definition: the Overdue page runs it in the database, the case page runs its compiled twin (<see cref="IsStalledOn"/>).
    /// </summary>
    public static Expression<Func<Case, DateOnly, bool>> Stalled { get; } =
        (c, day) => c.Status != CaseStatus.Closed && !c.Stages.Any(s => !s.HasEnded) && c.ExpectedOn < day;

    private static readonly Func<Case, DateOnly, bool> StalledCompiled = Stalled.Compile();

    /// <summary>Whether this case (with its stages loaded) is stalled on <paramref name="day"/>: <see cref="Stalled"/> run in memory.</summary>
    public bool IsStalledOn(DateOnly day) => StalledCompiled(this, day);

    /// <summary>Attaches a source to the case as a whole, or to one of its stages or milestones.</summary>
    public Source AddSource(SourceDetails details, DateTime nowUtc, Stage? stage = null, Milestone? milestone = null)
    {
        RequireOwnParts(stage, milestone);
        var source = new Source(this, details, stage, milestone);
        _sources.Add(source);
        stage?.AttachSource(source);
        milestone?.AttachSource(source);
        PartChanged(nowUtc);
        return source;
    }

    /// <summary>Changes a source's details and what it is attached to (the case as a whole, one stage or one milestone).</summary>
    public void EditSource(Source source, SourceDetails details, DateTime nowUtc, Stage? stage = null, Milestone? milestone = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!_sources.Contains(source))
        {
            throw new DomainRuleException("The source belongs to another case.");
        }

        RequireOwnParts(stage, milestone);
        source.Stage?.DetachSource(source);
        source.Milestone?.DetachSource(source);
        source.Apply(details, stage, milestone);
        stage?.AttachSource(source);
        milestone?.AttachSource(source);
        PartChanged(nowUtc);
    }

    public void RecordConfidentialNotes(string? notes, DateTime nowUtc)
    {
        ConfidentialNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Touch(nowUtc);
    }

    public void Archive(DateTime nowUtc)
    {
        if (IsArchived)
        {
            throw new DomainRuleException("The case is already archived.");
        }

        IsArchived = true;
        Touch(nowUtc);
    }

    public void Restore(DateTime nowUtc)
    {
        if (!IsArchived)
        {
            throw new DomainRuleException("The case is not archived.");
        }

        IsArchived = false;
        Touch(nowUtc);
    }

    /// <summary>Stores the whole-case clock computed from the case's inputs; it changes neither the version nor the update time.</summary>
    public void RecordClock(ClockRecord record) => Clock = record ?? throw new ArgumentNullException(nameof(record));

    internal void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>A stage, milestone, officer or source changed: the case was updated, but its own fields (and version) were not.</summary>
    internal void PartChanged(DateTime nowUtc) => UpdatedAtUtc = nowUtc;

    internal void RequireUniqueCipher(string cipher, Officer? except)
    {
        if (_officers.Exists(o => o != except && o.Cipher is not null && string.Equals(o.Cipher, cipher.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException($"Officer {cipher.Trim().ToUpperInvariant()} is already recorded on this case.");
        }
    }

    internal void RequireOwnOfficer(Officer officer)
    {
        if (!_officers.Contains(officer))
        {
            throw new DomainRuleException("An event belongs to an officer of the same case.");
        }
    }

    /// <summary>True when <paramref name="start"/> is certainly before the incident (compared at both dates' precision).</summary>
    public bool IsBeforeIncident(PartialDate start) =>
        start.Latest is { } latest && IncidentOn is not null && IncidentDate.Earliest is { } incident && latest < incident;

    internal void RequireNotBeforeIncident(PartialDate start)
    {
        if (IsBeforeIncident(start))
        {
            throw new DomainRuleException($"A stage cannot start before the incident ({IncidentDate}).");
        }
    }

    private void RequireOwnParts(Stage? stage, Milestone? milestone)
    {
        if (stage is not null && !_stages.Contains(stage))
        {
            throw new DomainRuleException("A source can only be attached to a stage of the same case.");
        }

        if (milestone is not null && !_milestones.Contains(milestone))
        {
            throw new DomainRuleException("A source can only be attached to a milestone of the same case.");
        }

        if (stage is not null && milestone is not null)
        {
            throw new DomainRuleException("A source is attached to a stage or to a milestone, not both.");
        }
    }

    private void Apply(CaseParticulars particulars, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(particulars);
        if (!particulars.IncidentDate.IsKnown)
        {
            throw new DomainRuleException("A case needs at least the year of its incident.");
        }

        Title = particulars.Title.Trim();
        Subject = particulars.Subject.Trim();
        IncidentOn = particulars.IncidentDate.Earliest;
        IncidentPrecision = particulars.IncidentDate.Precision;
        IncidentTime = particulars.IncidentDate.IsExact ? particulars.IncidentTime : null;
        Location = particulars.Location.Trim();
        Force = particulars.Force.Trim();
        IncidentType = particulars.IncidentType;
        Harm = particulars.Harm;
        Category = particulars.Category;
        if (!Enum.IsDefined(particulars.Jurisdiction))
        {
            throw new DomainRuleException("Choose a jurisdiction from the list.");
        }

        Jurisdiction = particulars.Jurisdiction;
        Summary = string.IsNullOrWhiteSpace(particulars.Summary) ? null : particulars.Summary.Trim();
        Touch(nowUtc);
    }
}
