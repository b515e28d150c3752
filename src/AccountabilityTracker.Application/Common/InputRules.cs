using AccountabilityTracker.Domain.Dates;
using FluentValidation;

namespace AccountabilityTracker.Application.Common;

/// <summary>Rules shared by every form that records a case or one of its parts, with messages in plain words.</summary>
public static class InputRules
{
    /// <summary>At most <paramref name="maxLength"/> characters and no invisible control characters (line breaks only where allowed).</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiline = false) =>
        rule.MaximumLength(maxLength).WithMessage("This can be at most {MaxLength} characters; you entered {TotalLength}.")
            .Must(text => !HasControlCharacters(text, multiline))
            .WithMessage(multiline ? "Remove the invisible control characters from this text." : "Remove the line breaks and invisible control characters from this text.");

    /// <summary>A date typed as ISO text that agrees with its chosen precision (see <see cref="DateInput.Problem"/>).</summary>
    public static IRuleBuilderOptionsConditions<T, string?> PartialDate<T>(
        this IRuleBuilder<T, string?> rule, Func<T, DatePrecision?> precision, TimeProvider time, bool required = false) =>
        rule.Custom((text, context) =>
        {
            var problem = DateInput.Problem(text, precision(context.InstanceToValidate), time.TodayInEngland(), required);
            if (problem is not null)
            {
                context.AddFailure(problem);
            }
        });

    /// <summary>An optional exact day, YYYY-MM-DD, not in the future.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> OptionalDay<T>(this IRuleBuilder<T, string?> rule, TimeProvider time) =>
        rule.Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            if (!DateInput.TryParseDay(text, out var day) || day.Year < DateInput.EarliestYear)
            {
                context.AddFailure("Enter the day as YYYY-MM-DD, e.g. 2024-03-08, or leave it empty.");
            }
            else if (day > time.TodayInEngland())
            {
                context.AddFailure("This date is in the future: check it.");
            }
        });

    /// <summary>An optional exact day, YYYY-MM-DD, today or later (an expected date, such as the next hearing).</summary>
    public static IRuleBuilderOptionsConditions<T, string?> UpcomingDay<T>(this IRuleBuilder<T, string?> rule, TimeProvider time) =>
        rule.Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            if (!DateInput.TryParseDay(text, out var day) || day.Year > 2100)
            {
                context.AddFailure("Enter the day as YYYY-MM-DD, e.g. 2027-03-08, or leave it empty.");
            }
            else if (day < time.TodayInEngland())
            {
                context.AddFailure("This date has passed: give the next expected date, today or later.");
            }
        });

    /// <summary>An absolute http or https address, short enough to store once normalised.</summary>
    public static IRuleBuilderOptions<T, string?> WebAddress<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(text => TryParseWebAddress(text, maxLength, out _))
            .WithMessage($"Enter the full web address, starting http:// or https:// (at most {maxLength} characters).");

    public static bool TryParseWebAddress(string? text, int maxLength, out Uri url)
    {
        url = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > maxLength || HasControlCharacters(text, multiline: false) || text.Trim().Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host)
            || parsed.ToString().Length > maxLength)
        {
            return false;
        }

        url = parsed;
        return true;
    }

    private static bool HasControlCharacters(string? text, bool multiline) =>
        text is not null && text.Any(c => (char.IsControl(c) && !(multiline && c is '\r' or '\n' or '\t')) || c is '\u2028' or '\u2029' or '\uFEFF');
}
