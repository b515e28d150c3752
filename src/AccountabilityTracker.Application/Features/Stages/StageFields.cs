using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>The fields of the stage form, shared by <see cref="AddStage"/> and <see cref="EditStage"/>.</summary>
public abstract record StageFields
{
    public StageKind? Kind { get; init; }

    /// <summary>Optional except for "Other": defaults to the kind's name.</summary>
    public string? Label { get; init; }

    public string? StartDate { get; init; }

    public DatePrecision? StartPrecision { get; init; } = DatePrecision.Day;

    /// <summary>Ticked when the stage has ended even if the end date is unknown; an end date implies it.</summary>
    public bool Ended { get; init; }

    public string? EndDate { get; init; }

    public DatePrecision? EndPrecision { get; init; } = DatePrecision.Day;

    public string? Outcome { get; init; }

    /// <summary>The outcome from the controlled list; left empty, the text is classified only when it says one type without doubt.</summary>
    public OutcomeType? OutcomeType { get; init; }

    public string? Notes { get; init; }

    internal bool HasEnd => Ended || !string.IsNullOrWhiteSpace(EndDate);

    internal PartialDate Start => DateInput.Parse(StartDate, StartPrecision);

    internal PartialDate? End => HasEnd ? DateInput.Parse(EndDate, EndPrecision) : null;

    internal string LabelOrKind => string.IsNullOrWhiteSpace(Label) ? Kind!.Value.DisplayName() : Label;

    /// <summary>The start must not be before the incident: refused beside the start date.</summary>
    internal void RequireStartAfterIncident(Case owner)
    {
        if (owner.IsBeforeIncident(Start))
        {
            throw RequestValidationException.For(nameof(StartDate), $"A stage cannot start before the incident ({owner.IncidentDate}).");
        }
    }
}

public sealed class StageFieldsRules : AbstractValidator<StageFields>
{
    public StageFieldsRules(TimeProvider time)
    {
        RuleFor(s => s.Kind).NotNull().WithMessage("Choose the kind of stage.").IsInEnum().WithMessage("Choose the kind of stage from the list.");
        RuleFor(s => s.Label).NotEmpty().When(s => s.Kind == StageKind.Other).WithMessage("Name an “Other” stage, e.g. “PIRC investigation”.");
        RuleFor(s => s.Label).PlainText(TextLimits.Title);
        RuleFor(s => s.StartDate).PartialDate(s => s.StartPrecision, time);
        RuleFor(s => s.EndDate).PartialDate(s => s.EndPrecision, time).When(s => s.HasEnd);
        RuleFor(s => s.EndDate).Must((s, _) => !StageDates.EndsBeforeStart(s.StartDate, s.StartPrecision, s.EndDate, s.EndPrecision, time))
            .When(s => s.HasEnd).WithMessage("A stage cannot end before it starts: check the end date.");
        RuleFor(s => s.Outcome).PlainText(TextLimits.LongText, multiline: true);
        RuleFor(s => s.OutcomeType).IsInEnum().WithMessage("Choose an outcome from the list.");
        RuleFor(s => s.Notes).PlainText(TextLimits.LongText, multiline: true);
    }
}

internal static class StageDates
{
    /// <summary>True only when both dates are valid and the end is certainly before the start.</summary>
    public static bool EndsBeforeStart(string? startText, DatePrecision? startPrecision, string? endText, DatePrecision? endPrecision, TimeProvider time)
    {
        var today = time.TodayInEngland();
        return DateInput.TryParse(startText, startPrecision, today, required: false) is { } start
               && DateInput.TryParse(endText, endPrecision, today, required: false) is { } end
               && Stage.EndsBeforeStart(start, end);
    }
}
