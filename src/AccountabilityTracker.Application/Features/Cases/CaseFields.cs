using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>The fields of the case form, shared by <see cref="CreateCase"/> and <see cref="EditCase"/>. Dates are typed as text with a precision.</summary>
public abstract record CaseFields
{
    public string? Title { get; init; }

    public string? Subject { get; init; }

    /// <summary>"2022-09-05", "2018-05" or "2019", agreeing with <see cref="IncidentPrecision"/>.</summary>
    public string? IncidentDate { get; init; }

    public DatePrecision? IncidentPrecision { get; init; } = DatePrecision.Day;

    /// <summary>"HH:mm", only with a day-precision date.</summary>
    public string? IncidentTime { get; init; }

    public string? Location { get; init; }

    public string? Force { get; init; }

    public IncidentType? IncidentType { get; init; }

    public Harm? Harm { get; init; }

    public OperationCategory? Category { get; init; } = OperationCategory.NotKnown;

    /// <summary>England &amp; Wales unless given: the case's forces, stage kinds and limit rules follow from it.</summary>
    public Jurisdiction? Jurisdiction { get; init; } = Domain.Cases.Jurisdiction.EnglandAndWales;

    public string? Summary { get; init; }

    /// <summary>Restricted: only Administrators and Caseworkers can read or write it.</summary>
    public string? ConfidentialNotes { get; init; }

    internal CaseParticulars ToParticulars() => new(
        Title!, Subject!, DateInput.Parse(IncidentDate, IncidentPrecision), ParseTime(IncidentTime), Location!, Force!,
        IncidentType!.Value, Harm!.Value, Category ?? OperationCategory.NotKnown, Summary, Jurisdiction ?? Domain.Cases.Jurisdiction.EnglandAndWales);

    internal static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    internal static string? FormatTime(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The rules of the case form, included by each command's validator.</summary>
public sealed class CaseFieldsRules : AbstractValidator<CaseFields>
{
    public CaseFieldsRules(TimeProvider time)
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the case a title, e.g. “Fatal police shooting of …”.").PlainText(TextLimits.Title);
        RuleFor(c => c.Subject).NotEmpty().WithMessage("Give the subject's name as published, or “not published”.").PlainText(TextLimits.Subject);
        RuleFor(c => c.IncidentDate).PartialDate(c => c.IncidentPrecision, time, required: true);
        RuleFor(c => c.IncidentTime)
            .Must(text => string.IsNullOrWhiteSpace(text) || CaseFields.ParseTime(text) is not null).WithMessage("Enter the time as HH:MM (24-hour), e.g. 18:52, or leave it empty.")
            .Must((c, text) => string.IsNullOrWhiteSpace(text) || c.IncidentPrecision == DatePrecision.Day).WithMessage("A time can only go with a date given to the day.");
        RuleFor(c => c.Location).NotEmpty().WithMessage("Give the place, e.g. “Streatham Hill, London”.").PlainText(TextLimits.Location);
        RuleFor(c => c.Force).NotEmpty().WithMessage("Choose the force.");
        RuleFor(c => c.Jurisdiction).IsInEnum().WithMessage("Choose England & Wales, Scotland or Northern Ireland.");
        RuleFor(c => c.Force).Must((c, force) => Forces.IsKnown(force, c.Jurisdiction ?? Jurisdiction.EnglandAndWales))
            .When(c => !string.IsNullOrEmpty(c.Force) && (c.Jurisdiction is null || Enum.IsDefined(c.Jurisdiction.Value)))
            .WithMessage(c => c.Jurisdiction is null or Jurisdiction.EnglandAndWales ? "Choose a force from the list." : $"Choose a force of {c.Jurisdiction.Value.DisplayName()} from the list.");
        RuleFor(c => c.IncidentType).NotNull().WithMessage("Choose the kind of incident.").IsInEnum().WithMessage("Choose the kind of incident from the list.");
        RuleFor(c => c.Harm).NotNull().WithMessage("Choose the harm done.").IsInEnum().WithMessage("Choose the harm from the list.");
        RuleFor(c => c.Category).IsInEnum().WithMessage("Choose the kind of operation from the list.");
        RuleFor(c => c.Summary).PlainText(TextLimits.LongText, multiline: true);
        RuleFor(c => c.ConfidentialNotes).PlainText(TextLimits.LongText, multiline: true);
    }
}
