using System.Collections.Concurrent;
using System.Globalization;
using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>A bank holiday, named as gov.uk names it.</summary>
public readonly record struct BankHoliday(DateOnly Date, string Name);

/// <summary>
/// The bank holidays of one jurisdiction (England &amp; Wales by default; Scotland; Northern Ireland), worked out by rule
/// for any year from <see cref="FirstSupportedYear"/>, plus the UK-wide one-off days proclaimed so far. Future one-off
/// days (or a moved day) come from configuration through the constructor's additions and removals; a date in both lists
/// is removed.
/// </summary>
public sealed class BankHolidays
{
    /// <summary>The early May bank holiday began in 1978; before that the rules here do not hold.</summary>
    public const int FirstSupportedYear = 1978;

    private const string AddedName = "Bank holiday (added)";

    private static readonly Dictionary<DateOnly, string> OneOffDays = new()
    {
        [new DateOnly(1999, 12, 31)] = "Millennium Day",
        [new DateOnly(2002, 6, 3)] = "Golden Jubilee bank holiday",
        [new DateOnly(2011, 4, 29)] = "Royal wedding",
        [new DateOnly(2012, 6, 5)] = "Queen's Diamond Jubilee",
        [new DateOnly(2022, 6, 3)] = "Platinum Jubilee bank holiday",
        [new DateOnly(2022, 9, 19)] = "Bank Holiday for the State Funeral of Queen Elizabeth II",
        [new DateOnly(2023, 5, 8)] = "Bank holiday for the coronation of King Charles III",
    };

    private readonly HashSet<DateOnly> _additions;
    private readonly HashSet<DateOnly> _removals;
    private readonly ConcurrentDictionary<int, YearHolidays> _years = new();

    public BankHolidays()
        : this([], [])
    {
    }

    public BankHolidays(IEnumerable<DateOnly> additions, IEnumerable<DateOnly> removals)
        : this(Jurisdiction.EnglandAndWales, additions, removals)
    {
    }

    public BankHolidays(Jurisdiction jurisdiction, IEnumerable<DateOnly> additions, IEnumerable<DateOnly> removals)
    {
        ArgumentNullException.ThrowIfNull(additions);
        ArgumentNullException.ThrowIfNull(removals);
        if (!Enum.IsDefined(jurisdiction))
        {
            throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Not a jurisdiction.");
        }

        Jurisdiction = jurisdiction;
        _additions = [.. additions];
        _removals = [.. removals];
    }

    /// <summary>The rules and one-off days with no configured changes.</summary>
    public static BankHolidays EnglandAndWales { get; } = new();

    /// <summary>Scotland's: 1 and 2 January, Good Friday, early May, spring, summer (first Monday of August), St Andrew's Day, Christmas, Boxing Day.</summary>
    public static BankHolidays Scotland { get; } = new(Jurisdiction.Scotland, [], []);

    /// <summary>Northern Ireland's: England &amp; Wales's plus St Patrick's Day (17 March) and the Battle of the Boyne (12 July).</summary>
    public static BankHolidays NorthernIreland { get; } = new(Jurisdiction.NorthernIreland, [], []);

    public Jurisdiction Jurisdiction { get; }

    public IReadOnlyCollection<DateOnly> Additions => _additions;

    public IReadOnlyCollection<DateOnly> Removals => _removals;

    public bool IsBankHoliday(DateOnly date) => Year(date.Year).Dates.Contains(date);

    /// <summary>The year's bank holidays in date order, after configured additions and removals.</summary>
    public IReadOnlyList<BankHoliday> ForYear(int year) => Year(year).Holidays;

    /// <summary>The year's England &amp; Wales bank holidays from the rules and known one-off days alone, in date order.</summary>
    public static IReadOnlyList<BankHoliday> ByRule(int year) => ByRule(year, Jurisdiction.EnglandAndWales);

    /// <summary>The year's bank holidays of <paramref name="jurisdiction"/> from the rules and known one-off days alone, in date order.</summary>
    public static IReadOnlyList<BankHoliday> ByRule(int year, Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Scotland => ScotlandByRule(year),
        Jurisdiction.NorthernIreland => NorthernIrelandByRule(year),
        _ => EnglandAndWalesByRule(year),
    };

    private static List<BankHoliday> EnglandAndWalesByRule(int year)
    {
        ThrowIfUnsupported(year);
        var days = new List<BankHoliday>(10);

        var newYear = new DateOnly(year, 1, 1);
        days.Add(newYear.DayOfWeek switch
        {
            DayOfWeek.Saturday => new(newYear.AddDays(2), "New Year's Day (substitute day)"),
            DayOfWeek.Sunday => new(newYear.AddDays(1), "New Year's Day (substitute day)"),
            _ => new(newYear, "New Year's Day"),
        });

        var easter = EasterSunday(year);
        days.Add(new(easter.AddDays(-2), "Good Friday"));
        days.Add(new(easter.AddDays(1), "Easter Monday"));

        // Moved by proclamation: VE Day anniversaries (50th in 1995, 75th in 2020).
        days.Add(year is 1995 or 2020
            ? new(new DateOnly(year, 5, 8), "Early May bank holiday (VE day)")
            : new(FirstMonday(year, 5), "Early May bank holiday"));

        // Moved by proclamation to make long jubilee weekends.
        days.Add(year switch
        {
            2002 => new(new DateOnly(2002, 6, 4), "Spring bank holiday"),
            2012 => new(new DateOnly(2012, 6, 4), "Spring bank holiday"),
            2022 => new(new DateOnly(2022, 6, 2), "Spring bank holiday"),
            _ => new(LastMonday(year, 5), "Spring bank holiday"),
        });

        days.Add(new(LastMonday(year, 8), "Summer bank holiday"));

        var christmas = new DateOnly(year, 12, 25);
        var boxingDay = new DateOnly(year, 12, 26);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Friday:
                days.Add(new(christmas, "Christmas Day"));
                days.Add(new(new DateOnly(year, 12, 28), "Boxing Day (substitute day)"));
                break;
            case DayOfWeek.Saturday:
                days.Add(new(new DateOnly(year, 12, 27), "Christmas Day (substitute day)"));
                days.Add(new(new DateOnly(year, 12, 28), "Boxing Day (substitute day)"));
                break;
            case DayOfWeek.Sunday:
                days.Add(new(boxingDay, "Boxing Day"));
                days.Add(new(new DateOnly(year, 12, 27), "Christmas Day (substitute day)"));
                break;
            default:
                days.Add(new(christmas, "Christmas Day"));
                days.Add(new(boxingDay, "Boxing Day"));
                break;
        }

        days.AddRange(OneOffDays.Where(d => d.Key.Year == year).Select(d => new BankHoliday(d.Key, d.Value)));
        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }

    /// <summary>
    /// Scotland (Banking and Financial Dealings Act 1971 sch 1 as it applies in Scotland, and the proclamations): no
    /// Easter Monday; 2 January; summer on the first Monday of August; St Andrew's Day (St Andrew's Day Bank Holiday
    /// (Scotland) Act 2007). A day on a weekend (or on a day already a holiday) moves to the next free weekday.
    /// </summary>
    private static List<BankHoliday> ScotlandByRule(int year)
    {
        ThrowIfUnsupported(year);
        var fixedDays = new List<(DateOnly Date, string Name)>
        {
            (new DateOnly(year, 1, 1), "New Year's Day"),
            (new DateOnly(year, 1, 2), "2nd January"),
            (new DateOnly(year, 12, 25), "Christmas Day"),
            (new DateOnly(year, 12, 26), "Boxing Day"),
        };

        // St Andrew's Day became a bank holiday in 2007.
        if (year >= 2007)
        {
            fixedDays.Add((new DateOnly(year, 11, 30), "St Andrew's Day"));
        }

        var days = new List<BankHoliday> { new(EasterSunday(year).AddDays(-2), "Good Friday") };
        var englandAndWales = EnglandAndWalesByRule(year);
        days.AddRange(englandAndWales.Where(h => h.Name.StartsWith("Early May", StringComparison.Ordinal) || h.Name.StartsWith("Spring", StringComparison.Ordinal)));
        days.Add(new(FirstMonday(year, 8), "Summer bank holiday"));
        days.AddRange(OneOffDays.Where(d => d.Key.Year == year).Select(d => new BankHoliday(d.Key, d.Value)));
        return WithSubstitutes(days, fixedDays);
    }

    /// <summary>Northern Ireland: England &amp; Wales's days plus St Patrick's Day and the Battle of the Boyne (Orangemen's Day), each with a substitute day.</summary>
    private static List<BankHoliday> NorthernIrelandByRule(int year)
    {
        var days = EnglandAndWalesByRule(year);
        return WithSubstitutes(days, [(new DateOnly(year, 3, 17), "St Patrick's Day"), (new DateOnly(year, 7, 12), "Battle of the Boyne (Orangemen's Day)")]);
    }

    /// <summary>
    /// Adds fixed-date holidays: each on its own day when that is a weekday not already a holiday, otherwise on the next
    /// weekday that is free (those falling on weekdays are placed first, so 25 Dec on a Sunday moves past Boxing Day).
    /// </summary>
    private static List<BankHoliday> WithSubstitutes(List<BankHoliday> days, List<(DateOnly Date, string Name)> fixedDays)
    {
        var taken = days.Select(d => d.Date).ToHashSet();
        static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var moved = new List<(DateOnly Date, string Name)>();
        foreach (var (date, name) in fixedDays.OrderBy(f => f.Date))
        {
            if (!Weekend(date) && taken.Add(date))
            {
                days.Add(new(date, name));
            }
            else
            {
                moved.Add((date, name));
            }
        }

        foreach (var (date, name) in moved)
        {
            var day = date;
            while (Weekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            days.Add(new(day, name + " (substitute day)"));
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the "Anonymous Gregorian" or Meeus/Jones/Butcher algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static void ThrowIfUnsupported(int year)
    {
        if (year is < FirstSupportedYear or > 9999)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                string.Format(CultureInfo.InvariantCulture, "Bank holidays are worked out for {0} onward only.", FirstSupportedYear));
        }
    }

    private YearHolidays Year(int year) => _years.GetOrAdd(year, Build);

    private YearHolidays Build(int year)
    {
        var holidays = ByRule(year, Jurisdiction).Where(h => !_removals.Contains(h.Date)).ToList();
        holidays.AddRange(_additions
            .Where(d => d.Year == year && !_removals.Contains(d) && holidays.All(h => h.Date != d))
            .Select(d => new BankHoliday(d, AddedName)));
        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return new YearHolidays(holidays, [.. holidays.Select(h => h.Date)]);
    }

    private sealed record YearHolidays(IReadOnlyList<BankHoliday> Holidays, HashSet<DateOnly> Dates);
}
