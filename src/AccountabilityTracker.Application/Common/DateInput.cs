using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// A date as a form gives it: ISO text by shape ("2022-09-05", "2018-05", "2019") and the precision the user chose.
/// The two must agree: "March 2015" is never typed as 1 March 2015.
/// </summary>
public static class DateInput
{
    public const int EarliestYear = 1900;

    public const string Shapes = "YYYY-MM-DD (e.g. 2022-09-05), YYYY-MM (2018-05) or YYYY (2019)";

    /// <summary>What is wrong with the date in plain words, or null when it is fine.</summary>
    public static string? Problem(string? text, DatePrecision? precision, DateOnly today, bool required)
    {
        if (precision is not { } chosen || !Enum.IsDefined(chosen))
        {
            return "Choose how precise the date is: day, month, year or unknown.";
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            if (chosen == DatePrecision.Unknown)
            {
                return required ? "This date is needed: give at least the year, e.g. 2019." : null;
            }

            return $"Enter the date as {Shapes}, or choose “unknown”.";
        }

        if (chosen == DatePrecision.Unknown)
        {
            return "You chose “unknown” but typed a date: clear the date, or choose its precision.";
        }

        if (!PartialDate.TryParseIso(text, out var typed))
        {
            return $"Enter the date as {Shapes}.";
        }

        var shapeProblem = (chosen, typed.Precision) switch
        {
            (DatePrecision.Month, DatePrecision.Day) => "A month-precision date cannot be given a day: enter just the year and month, e.g. 2018-05.",
            (DatePrecision.Year, DatePrecision.Day or DatePrecision.Month) => "A year-precision date cannot be given a month or day: enter just the year, e.g. 2019.",
            (DatePrecision.Day, DatePrecision.Month or DatePrecision.Year) => "A day-precision date needs the day: enter it as YYYY-MM-DD, or choose month or year precision.",
            (DatePrecision.Month, DatePrecision.Year) => "A month-precision date needs the month: enter it as YYYY-MM, or choose year precision.",
            _ => null,
        };
        if (shapeProblem is not null)
        {
            return shapeProblem;
        }

        if (typed.Earliest!.Value.Year < EarliestYear)
        {
            return $"Dates before {EarliestYear} are not accepted: check the year.";
        }

        return typed.Earliest > today ? "This date is in the future: check it." : null;
    }

    /// <summary>The date of a valid input (see <see cref="Problem"/>); unknown when empty.</summary>
    public static PartialDate Parse(string? text, DatePrecision? precision) =>
        precision is null or DatePrecision.Unknown || !PartialDate.TryParseIso(text, out var date) ? PartialDate.Unknown : date;

    /// <summary>The date of a valid input, or null when it has a problem, for rules that compare dates.</summary>
    public static PartialDate? TryParse(string? text, DatePrecision? precision, DateOnly today, bool required) =>
        Problem(text, precision, today, required) is null ? Parse(text, precision) : null;

    /// <summary>An exact day typed as YYYY-MM-DD (e.g. the day a source was published).</summary>
    public static bool TryParseDay(string? text, out DateOnly day)
    {
        day = default;
        if (!PartialDate.TryParseIso(text, out var date) || !date.IsExact)
        {
            return false;
        }

        day = date.Earliest!.Value;
        return true;
    }
}
