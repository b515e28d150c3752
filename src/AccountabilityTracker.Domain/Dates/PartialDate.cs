using System.Globalization;

namespace AccountabilityTracker.Domain.Dates;

/// <summary>
/// A date as precisely as the record gives it: "5 Sep 2022", "May 2018", "2019" or unknown.
/// "March 2015" is the whole of March, never 1 March: <see cref="Earliest"/> and <see cref="Latest"/>
/// bound the real day.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    private PartialDate(DateOnly? earliest, DatePrecision precision)
    {
        Earliest = earliest;
        Precision = precision;
    }

    public static PartialDate Unknown { get; } = new(null, DatePrecision.Unknown);

    /// <summary>The first day the date can be; null when unknown. This is the stored value.</summary>
    public DateOnly? Earliest { get; }

    public DatePrecision Precision { get; }

    public bool IsKnown => Precision != DatePrecision.Unknown;

    public bool IsExact => Precision == DatePrecision.Day;

    /// <summary>The last day the date can be; null when unknown.</summary>
    public DateOnly? Latest => Earliest is not { } first
        ? null
        : Precision switch
        {
            DatePrecision.Year => new DateOnly(first.Year, 12, 31),
            DatePrecision.Month => first.AddMonths(1).AddDays(-1),
            _ => first,
        };

    public static PartialDate OnDay(DateOnly day) => new(day, DatePrecision.Day);

    public static PartialDate OnDay(int year, int month, int day) => OnDay(new DateOnly(year, month, day));

    public static PartialDate InMonth(int year, int month) => new(new DateOnly(year, month, 1), DatePrecision.Month);

    public static PartialDate InYear(int year) => new(new DateOnly(year, 1, 1), DatePrecision.Year);

    /// <summary>Rebuilds a date from its stored parts; the day is normalised to the start of its period.</summary>
    public static PartialDate FromStored(DateOnly? earliest, DatePrecision precision) => (earliest, precision) switch
    {
        (null, _) or (_, DatePrecision.Unknown) => Unknown,
        ({ } d, DatePrecision.Year) => InYear(d.Year),
        ({ } d, DatePrecision.Month) => InMonth(d.Year, d.Month),
        ({ } d, _) => OnDay(d),
    };

    /// <summary>Parses ISO-style text by its shape: "2022-09-05" (day), "2018-05" (month), "2019" (year).</summary>
    public static bool TryParseIso(string? text, out PartialDate date)
    {
        date = Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var culture = CultureInfo.InvariantCulture;
        if (trimmed.Length == 10 && DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", culture, DateTimeStyles.None, out var day))
        {
            date = OnDay(day);
            return true;
        }

        if (trimmed.Length == 7 && DateOnly.TryParseExact(trimmed + "-01", "yyyy-MM-dd", culture, DateTimeStyles.None, out var month))
        {
            date = InMonth(month.Year, month.Month);
            return true;
        }

        if (trimmed.Length == 4 && int.TryParse(trimmed, NumberStyles.None, culture, out var year) && year is >= 1 and <= 9999)
        {
            date = InYear(year);
            return true;
        }

        return false;
    }

    /// <summary>The machine form matching the precision: "2022-09-05", "2018-05", "2019", or empty.</summary>
    public string ToIsoString() => Earliest is not { } d
        ? string.Empty
        : Precision switch
        {
            DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
            DatePrecision.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

    /// <summary>The reader's form: "5 Sep 2022", "May 2018", "2019", "date unknown".</summary>
    public override string ToString() => Earliest is not { } d
        ? "date unknown"
        : Precision switch
        {
            DatePrecision.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
            DatePrecision.Month => d.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            _ => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };

    /// <summary>The span from this date to <paramref name="end"/>, as a range when either is imprecise; null when either is unknown.</summary>
    public DayRange? DaysUntil(PartialDate end) =>
        DateBounds.Of(this) is { } from && DateBounds.Of(end) is { } to ? DayRange.Between(from, to) : null;

    /// <summary>Orders by earliest possible day, unknown dates last, then less precise first.</summary>
    public int CompareTo(PartialDate other)
    {
        if (!IsKnown || !other.IsKnown)
        {
            return IsKnown.CompareTo(other.IsKnown) * -1;
        }

        var byDay = Earliest!.Value.CompareTo(other.Earliest!.Value);
        return byDay != 0 ? byDay : Precision.CompareTo(other.Precision);
    }

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;
}
