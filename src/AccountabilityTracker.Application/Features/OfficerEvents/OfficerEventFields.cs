using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.OfficerEvents;

/// <summary>The fields of the officer event form, shared by <see cref="AddOfficerEvent"/>, <see cref="EditOfficerEvent"/>, import and the API.</summary>
public abstract record OfficerEventFields
{
    /// <summary>The officer of the case the event happened to.</summary>
    public int? OfficerId { get; init; }

    public OfficerEventKind? Kind { get; init; }

    public string? Date { get; init; }

    public DatePrecision? DatePrecision { get; init; } = Domain.Dates.DatePrecision.Day;

    /// <summary>Ticked when a suspension or restricted duties has ended even if its end date is unknown; an end date implies it.</summary>
    public bool Ended { get; init; }

    /// <summary>The end of a suspension or restricted duties; empty while it runs (and for a single event).</summary>
    public string? EndDate { get; init; }

    public DatePrecision? EndPrecision { get; init; } = Domain.Dates.DatePrecision.Day;

    public string? Notes { get; init; }

    internal bool HasEnd => Ended || !string.IsNullOrWhiteSpace(EndDate);

    internal PartialDate Parsed => DateInput.Parse(Date, DatePrecision);

    internal PartialDate? ParsedEnd => HasEnd ? DateInput.Parse(EndDate, EndPrecision) : null;

    /// <summary>The officer must be one of the case's; the date must not be before the incident: refused beside the field.</summary>
    internal Officer RequireOfficerOf(Case owner)
    {
        var officer = owner.Officers.SingleOrDefault(o => o.Id == OfficerId);
        if (officer is null)
        {
            throw RequestValidationException.For(nameof(OfficerId), "Choose one of this case's officers.");
        }

        if (owner.IsBeforeIncident(Parsed))
        {
            throw RequestValidationException.For(nameof(Date), $"An officer event cannot be before the incident ({owner.IncidentDate}).");
        }

        return officer;
    }
}

public sealed class OfficerEventFieldsRules : AbstractValidator<OfficerEventFields>
{
    public OfficerEventFieldsRules(TimeProvider time)
    {
        RuleFor(e => e.OfficerId).NotNull().WithMessage("Choose the officer it happened to.");
        RuleFor(e => e.Kind).NotNull().WithMessage("Choose what happened.").IsInEnum().WithMessage("Choose what happened from the list.");
        RuleFor(e => e.Date).PartialDate(e => e.DatePrecision, time);
        RuleFor(e => e.EndDate).Empty().When(e => e.Kind is { } kind && !kind.IsPeriod())
            .WithMessage("Only a suspension or restricted duties has an end date: leave it empty for a single event.");
        RuleFor(e => e.Ended).Equal(false).When(e => e.Kind is { } kind && !kind.IsPeriod() && string.IsNullOrWhiteSpace(e.EndDate))
            .WithMessage("Only a suspension or restricted duties can end: leave “ended” unticked for a single event.");
        RuleFor(e => e.EndDate).PartialDate(e => e.EndPrecision, time).When(e => e.HasEnd && (e.Kind is null || e.Kind.Value.IsPeriod()));
        RuleFor(e => e.EndDate).Must((e, _) => !StageDates.EndsBeforeStart(e.Date, e.DatePrecision, e.EndDate, e.EndPrecision, time))
            .When(e => e.HasEnd).WithMessage("A period cannot end before it starts: check the end date.");
        RuleFor(e => e.Notes).PlainText(TextLimits.LongText, multiline: true);
    }
}
