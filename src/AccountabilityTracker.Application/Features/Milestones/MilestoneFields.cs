using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Milestones;

/// <summary>The fields of the milestone form, shared by <see cref="AddMilestone"/> and <see cref="EditMilestone"/>.</summary>
public abstract record MilestoneFields
{
    public string? Label { get; init; }

    /// <summary>What the milestone is (papers to chair, decision…), so event-to-event limits can run from it; Other when untyped.</summary>
    public MilestoneType? Type { get; init; } = MilestoneType.Other;

    public string? Date { get; init; }

    public DatePrecision? DatePrecision { get; init; } = Domain.Dates.DatePrecision.Day;

    public string? Notes { get; init; }

    internal PartialDate Parsed => DateInput.Parse(Date, DatePrecision);
}

public sealed class MilestoneFieldsRules : AbstractValidator<MilestoneFields>
{
    public MilestoneFieldsRules(TimeProvider time)
    {
        RuleFor(m => m.Label).NotEmpty().WithMessage("Say what happened, e.g. “Officer arrested” or “File sent to CPS”.").PlainText(TextLimits.Title);
        RuleFor(m => m.Type).IsInEnum().WithMessage("Choose what kind of milestone it is from the list.");
        RuleFor(m => m.Date).PartialDate(m => m.DatePrecision, time);
        RuleFor(m => m.Notes).PlainText(TextLimits.LongText, multiline: true);
    }
}
