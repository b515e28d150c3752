using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// The filters shared by the case list, the duration report, the exports and the API. Queries derive from it so the
/// fields bind flat from a query string (<c>?force=…&amp;yearFrom=…</c>) and a link reproduces the view.
/// </summary>
public record CaseFilter
{
    /// <summary>Matches title, subject, location, reference or an officer's cipher.</summary>
    public string? Text { get; init; }

    public string? Force { get; init; }

    public int? YearFrom { get; init; }

    public int? YearTo { get; init; }

    public IncidentType? IncidentType { get; init; }

    public OperationCategory? Category { get; init; }

    /// <summary>Cases with at least one stage of this kind.</summary>
    public StageKind? StageKind { get; init; }

    /// <summary>Cases with a stage whose outcome contains this text.</summary>
    public string? Outcome { get; init; }

    /// <summary>A short description for export file names and header rows, e.g. "force=Kent Police; yearFrom=2015".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && (value is not string s || !string.IsNullOrWhiteSpace(s)))
            {
                parts.Add(FormattableString.Invariant($"{name}={value}"));
            }
        }

        Add("text", Text);
        Add("force", Force);
        Add("yearFrom", YearFrom);
        Add("yearTo", YearTo);
        Add("incidentType", IncidentType);
        Add("category", Category);
        Add("stageKind", StageKind);
        Add("outcome", Outcome);
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    // string.ToLower() inside these queries is translated to SQL lower() and never runs in .NET, so no culture applies
    // (EF does not translate the culture-taking overloads); see LikePattern.Contains.
#pragma warning disable CA1304, CA1311

    /// <summary>Applies every filter in the database; archived cases are always left out.</summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        cases = cases.Where(c => !c.IsArchived);
        if (!string.IsNullOrWhiteSpace(Text))
        {
            var pattern = LikePattern.Contains(Text);
            cases = cases.Where(c =>
                EF.Functions.Like(c.Title.ToLower(), pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Subject.ToLower(), pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Location.ToLower(), pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Reference.ToLower(), pattern, LikePattern.EscapeCharacter)
                || c.Officers.Any(o => EF.Functions.Like(o.Cipher!.ToLower(), pattern, LikePattern.EscapeCharacter) || (o.NameIsPublic && EF.Functions.Like(o.RealName!.ToLower(), pattern, LikePattern.EscapeCharacter))));
        }

        if (!string.IsNullOrWhiteSpace(Force))
        {
            cases = cases.Where(c => c.Force == Force);
        }

        if (YearFrom is { } from)
        {
            var first = new DateOnly(from, 1, 1);
            cases = cases.Where(c => c.IncidentOn >= first);
        }

        if (YearTo is { } to)
        {
            var after = new DateOnly(to, 12, 31);
            cases = cases.Where(c => c.IncidentOn <= after);
        }

        if (IncidentType is { } type)
        {
            cases = cases.Where(c => c.IncidentType == type);
        }

        if (Category is { } category)
        {
            cases = cases.Where(c => c.Category == category);
        }

        if (StageKind is { } kind)
        {
            cases = cases.Where(c => c.Stages.Any(s => s.Kind == kind));
        }

        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            var pattern = LikePattern.Contains(Outcome);
            cases = cases.Where(c => c.Stages.Any(s => s.Outcome != null && EF.Functions.Like(s.Outcome.ToLower(), pattern, LikePattern.EscapeCharacter)));
        }

        return cases;
    }

    /// <summary>
    /// For reports and exports, whose rows are stages: only stages of the chosen kind and with the chosen outcome
    /// (where <see cref="Apply"/> keeps every stage of a case that has one).
    /// </summary>
    public IQueryable<Stage> ApplyToStages(IQueryable<Stage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (StageKind is { } kind)
        {
            stages = stages.Where(s => s.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            var pattern = LikePattern.Contains(Outcome);
            stages = stages.Where(s => s.Outcome != null && EF.Functions.Like(s.Outcome.ToLower(), pattern, LikePattern.EscapeCharacter));
        }

        return stages;
    }
#pragma warning restore CA1304, CA1311
}

/// <summary>Validation of the shared filters, included by every query that derives from <see cref="CaseFilter"/>.</summary>
public sealed class CaseFilterValidator : AbstractValidator<CaseFilter>
{
    public CaseFilterValidator()
    {
        RuleFor(f => f.Text).MaximumLength(TextLimits.SearchText).WithMessage("Search text can be at most {MaxLength} characters.");
        RuleFor(f => f.Force).MaximumLength(TextLimits.Force).WithMessage("Choose a force from the list.");
        RuleFor(f => f.Outcome).MaximumLength(TextLimits.SearchText).WithMessage("Outcome text can be at most {MaxLength} characters.");
        RuleFor(f => f.YearFrom).InclusiveBetween(1900, 2100).WithMessage("Give a year between 1900 and 2100.");
        RuleFor(f => f.YearTo).InclusiveBetween(1900, 2100).WithMessage("Give a year between 1900 and 2100.")
            .GreaterThanOrEqualTo(f => f.YearFrom).When(f => f.YearFrom is not null).WithMessage("The last year cannot be before the first.");
        RuleFor(f => f.IncidentType).IsInEnum().WithMessage("Choose an incident type from the list.");
        RuleFor(f => f.Category).IsInEnum().WithMessage("Choose a category from the list.");
        RuleFor(f => f.StageKind).IsInEnum().WithMessage("Choose a stage kind from the list.");
    }
}
