using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Api.V1;

// The bodies of the writes below a case. Each holds its form's fields and nothing else, and is copied onto the very
// command the form sends (ToCommand); ids come from the route. Version is the concurrency token as last read (GET
// /api/v1/cases/{id}): the case's for an addition to the case and for archive and restore, the record's own for an edit
// and a stage action. Left out, it is refused beside the field (400); stale, nothing is saved (409 with the stored record).

/// <summary>A stage's fields, as on the stage form (the rules are <see cref="StageFieldsRules"/>).</summary>
public record ApiStageInput
{
    /// <summary>IopcInvestigation, CpsChargingDecision, CriminalTrial, Inquest, … (see the schema).</summary>
    public StageKind? Kind { get; init; }

    /// <summary>Required for Other; otherwise the kind's name when left out.</summary>
    public string? Label { get; init; }

    /// <summary>"2022-09-05", "2018-05" or "2019", agreeing with <see cref="StartPrecision"/>.</summary>
    public string? StartDate { get; init; }

    public DatePrecision? StartPrecision { get; init; } = DatePrecision.Day;

    /// <summary>True when the stage has ended even if the end date is unknown; an end date implies it.</summary>
    public bool Ended { get; init; }

    public string? EndDate { get; init; }

    public DatePrecision? EndPrecision { get; init; } = DatePrecision.Day;

    public string? Outcome { get; init; }

    public OutcomeType? OutcomeType { get; init; }

    public string? Notes { get; init; }

    /// <summary>The case's version (adding) or the stage's (editing) as last read.</summary>
    public Guid? Version { get; init; }

    public TCommand ToCommand<TCommand>(TCommand command)
        where TCommand : StageFields
    {
        ArgumentNullException.ThrowIfNull(command);
        return (TCommand)((StageFields)command with
        {
            Kind = Kind,
            Label = Label,
            StartDate = StartDate,
            StartPrecision = StartPrecision,
            Ended = Ended,
            EndDate = EndDate,
            EndPrecision = EndPrecision,
            Outcome = Outcome,
            OutcomeType = OutcomeType,
            Notes = Notes,
        });
    }
}

/// <summary>A new stage, optionally with the source it comes from (the source fields are optional together).</summary>
public sealed record ApiNewStage : ApiStageInput
{
    public string? SourceUrl { get; init; }

    public string? SourcePublisher { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? SourcePublishedOn { get; init; }

    public string? SourceQuote { get; init; }
}

/// <summary>A milestone's fields, as on the milestone form.</summary>
public record ApiMilestoneInput
{
    /// <summary>What happened, e.g. "Officer arrested".</summary>
    public string? Label { get; init; }

    public string? Date { get; init; }

    public DatePrecision? DatePrecision { get; init; } = Domain.Dates.DatePrecision.Day;

    public string? Notes { get; init; }

    /// <summary>The case's version (adding) or the milestone's (editing) as last read.</summary>
    public Guid? Version { get; init; }

    public TCommand ToCommand<TCommand>(TCommand command)
        where TCommand : MilestoneFields
    {
        ArgumentNullException.ThrowIfNull(command);
        return (TCommand)((MilestoneFields)command with { Label = Label, Date = Date, DatePrecision = DatePrecision, Notes = Notes });
    }
}

/// <summary>A new milestone, optionally with its source.</summary>
public sealed record ApiNewMilestone : ApiMilestoneInput
{
    public string? SourceUrl { get; init; }

    public string? SourcePublisher { get; init; }

    public string? SourcePublishedOn { get; init; }

    public string? SourceQuote { get; init; }
}

/// <summary>An officer's fields, as on the officer form: a cipher, a name, or both (the name is restricted unless public).</summary>
public sealed record ApiOfficerInput
{
    public string? Cipher { get; init; }

    public string? RealName { get; init; }

    public bool NameIsPublic { get; init; }

    public bool UnderAnonymityOrder { get; init; }

    /// <summary>YYYY-MM-DD, the day the name became public.</summary>
    public string? PubliclyNamedOn { get; init; }

    /// <summary>The case's version (adding) or the officer's (editing) as last read.</summary>
    public Guid? Version { get; init; }

    public TCommand ToCommand<TCommand>(TCommand command)
        where TCommand : OfficerFields
    {
        ArgumentNullException.ThrowIfNull(command);
        return (TCommand)((OfficerFields)command with
        {
            Cipher = Cipher,
            RealName = RealName,
            NameIsPublic = NameIsPublic,
            UnderAnonymityOrder = UnderAnonymityOrder,
            PubliclyNamedOn = PubliclyNamedOn,
        });
    }
}

/// <summary>A source, as on the source form, attached to the case as a whole or to one of its stages or milestones.</summary>
public sealed record ApiSourceInput
{
    /// <summary>"stage-12", "milestone-5", or empty (or left out) for the case as a whole.</summary>
    public string? AttachTo { get; init; }

    /// <summary>https://… (required).</summary>
    public string? SourceUrl { get; init; }

    public string? SourcePublisher { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? SourcePublishedOn { get; init; }

    public string? SourceQuote { get; init; }

    /// <summary>The case's version (adding) or the source's (editing) as last read.</summary>
    public Guid? Version { get; init; }

    public AddSource.Command ToCommand(AddSource.Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with { AttachTo = AttachTo, SourceUrl = SourceUrl, SourcePublisher = SourcePublisher, SourcePublishedOn = SourcePublishedOn, SourceQuote = SourceQuote };
    }

    public EditSource.Command ToCommand(EditSource.Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with { AttachTo = AttachTo, SourceUrl = SourceUrl, SourcePublisher = SourcePublisher, SourcePublishedOn = SourcePublishedOn, SourceQuote = SourceQuote };
    }
}

/// <summary>Closes a running stage: its end date (as precise as known) and outcome. Version is the stage's.</summary>
public sealed record ApiCloseStageInput(string? EndDate, string? Outcome, Guid? Version)
{
    public DatePrecision? EndPrecision { get; init; } = DatePrecision.Day;
}

/// <summary>A pause of a stage's clock: from the first day it stood still; leave <see cref="To"/> out while it goes on. Version is the stage's.</summary>
public sealed record ApiPauseInput(DateOnly? From, DateOnly? To, string? Reason, Guid? Version);

/// <summary>Ends a stage's open pause: the clock counts again from <see cref="On"/>. Version is the stage's.</summary>
public sealed record ApiResumeInput(DateOnly? On, Guid? Version);

/// <summary>An extension: a new limit for one stage from the day it was granted (NewUnit left out keeps the rule's unit). Version is the stage's.</summary>
public sealed record ApiExtensionInput(DateOnly? GrantedOn, int NewAmount, LimitUnit? NewUnit, string? Reason, Guid? Version);

/// <summary>The version of the case as last read: archiving and restoring act on that version or not at all.</summary>
public sealed record ApiVersionInput(Guid? Version);

/// <summary>A record was added: <see cref="Id"/> is its id; read it in the case at <see cref="Url"/>.</summary>
public sealed record ApiPartCreated(int Id, string Url);
