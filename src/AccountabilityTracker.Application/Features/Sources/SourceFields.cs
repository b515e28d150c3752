using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Sources;

/// <summary>A source as a form gives it: on its own form, or optionally alongside a new stage or milestone.</summary>
public interface ISourceFields
{
    string? SourceUrl { get; }

    string? SourcePublisher { get; }

    /// <summary>The day it was published, YYYY-MM-DD, if known.</summary>
    string? SourcePublishedOn { get; }

    string? SourceQuote { get; }
}

public sealed class SourceFieldsRules : AbstractValidator<ISourceFields>
{
    /// <param name="required">True on the source's own form; false where the source is optional (a new stage or milestone).</param>
    public SourceFieldsRules(TimeProvider time, bool required)
    {
        RuleFor(s => s.SourceUrl).NotEmpty()
            .When(s => required || !string.IsNullOrWhiteSpace(s.SourcePublisher) || !string.IsNullOrWhiteSpace(s.SourcePublishedOn) || !string.IsNullOrWhiteSpace(s.SourceQuote))
            .WithMessage(required ? "Give the source's web address, starting https://." : "Give the source's web address, or clear the other source fields.");
        RuleFor(s => s.SourceUrl).WebAddress(TextLimits.Url).When(s => !string.IsNullOrWhiteSpace(s.SourceUrl));
        RuleFor(s => s.SourcePublisher).PlainText(TextLimits.Publisher);
        RuleFor(s => s.SourcePublishedOn).OptionalDay(time);
        RuleFor(s => s.SourceQuote).PlainText(TextLimits.LongText, multiline: true);
    }
}

public static class SourceInput
{
    /// <summary>The details of a valid source input, or null when no address was given.</summary>
    public static SourceDetails? Details(ISourceFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!InputRules.TryParseWebAddress(fields.SourceUrl, TextLimits.Url, out var url))
        {
            return null;
        }

        DateOnly? publishedOn = DateInput.TryParseDay(fields.SourcePublishedOn, out var day) ? day : null;
        return new SourceDetails(url, fields.SourcePublisher, publishedOn, fields.SourceQuote);
    }

    public static string StageTarget(int id) => string.Create(CultureInfo.InvariantCulture, $"stage-{id}");

    public static string MilestoneTarget(int id) => string.Create(CultureInfo.InvariantCulture, $"milestone-{id}");

    /// <summary>Reads "stage-12", "milestone-5" or empty (the case as a whole).</summary>
    public static bool TryParseTarget(string? text, out int? stageId, out int? milestoneId)
    {
        stageId = null;
        milestoneId = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        static int? Id(string text, string prefix) =>
            text.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

        stageId = Id(text, "stage-");
        milestoneId = Id(text, "milestone-");
        return stageId is not null || milestoneId is not null;
    }
}
