namespace AccountabilityTracker.Domain.Clocks;

/// <summary>
/// Measures a stage (or a whole case) against a limit as of today, the calendar date in Europe/London.
/// </summary>
/// <remarks>
/// <para>
/// Conventions. The start day is day 0: counting begins the day after it, as for any duration ("380 days" from
/// 5 Sep 2022 to 20 Sep 2023). The <b>due date</b> is the last day still within the limit: start + amount (calendar
/// days; months by <see cref="DateOnly.AddMonths"/>, so 31 Jan + 1 month = 28/29 Feb; or the amount-th working day
/// after the start). On the due date the stage is within limit; the day after, a running stage is overdue, and a stage
/// that ends then has concluded late.
/// </para>
/// <para>
/// Pauses push the due date later by the paused days (paused working days for a working-day limit) that fall after
/// the start and on or before the due date. Because the pushed due date can bring a later pause into range, the push
/// is repeated until the due date stops moving; overlapping pauses are merged first so no day counts twice. A pause
/// that begins after the due date has passed changes nothing: the limit was already reached. An open pause runs
/// through today (while running) or through the end day.
/// </para>
/// <para>
/// A limit in months is turned into the calendar days from start to start + months, and the warning share and pause
/// arithmetic then work in those days.
/// </para>
/// </remarks>
public sealed class ClockEvaluator
{
    private static readonly Lazy<TimeZoneInfo> London = new(() => TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    private readonly TimeProvider _time;
    private readonly WorkingDayCalendar _calendar;

    /// <param name="calendar">England &amp; Wales's working days (with any configured changes); Scotland's and Northern Ireland's come from their rules.</param>
    public ClockEvaluator(TimeProvider time, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(calendar);
        _time = time;
        _calendar = calendar;
    }

    /// <summary>Today's date in England &amp; Wales (GMT or BST), whatever the server's time zone.</summary>
    public DateOnly Today() => LondonDate(_time.GetUtcNow());

    public static DateOnly LondonDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London.Value).DateTime);

    /// <exception cref="ArgumentException">The rule's values are not valid (see <see cref="LimitRule.Validate()"/>).</exception>
    public ClockReading Evaluate(LimitRule? rule, ClockSubject subject) => Evaluate(rule, subject, Today());

    /// <summary>The reading on a given day (today's date in England &amp; Wales for <see cref="Evaluate(LimitRule?, ClockSubject)"/>).</summary>
    /// <exception cref="ArgumentException">The rule's values are not valid (see <see cref="LimitRule.Validate()"/>).</exception>
    public ClockReading Evaluate(LimitRule? rule, ClockSubject subject, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (rule is null)
        {
            return ClockReading.NotApplicable(today, null, "no limit");
        }

        var errors = rule.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The limit rule is not valid: " + string.Join(" ", errors.Select(e => e.Message)), nameof(rule));
        }

        if (subject.Start.Earliest is not { } startEarliest || subject.Start.Latest is not { } startLatest)
        {
            return ClockReading.NotApplicable(today, rule, "start date unknown");
        }

        DateOnly? endEarliest = null;
        DateOnly? endLatest = null;
        if (subject.End is { } end)
        {
            if (end.Earliest is not { } first || end.Latest is not { } last)
            {
                return ClockReading.NotApplicable(today, rule, "end date unknown");
            }

            endEarliest = first;
            endLatest = last;
        }

        // OrderBy is stable, so of extensions granted the same day the last listed wins.
        var extension = subject.Extensions.Where(e => e.GrantedOn <= today).OrderBy(e => e.GrantedOn).LastOrDefault();
        var amount = extension?.NewAmount ?? rule.Amount;
        var unit = extension?.NewUnit ?? rule.Unit;

        // The certain reading takes the most favourable dates (latest start, earliest end); the worst case the opposite.
        var calendar = CalendarFor(rule.Jurisdiction);
        var certain = Measure(calendar, amount, unit, rule.WarningPercent, startLatest, NotBefore(endEarliest, startLatest), subject.Pauses, today);
        var worst = Measure(calendar, amount, unit, rule.WarningPercent, startEarliest, NotBefore(endLatest, startEarliest), subject.Pauses, today);

        var isApproximate = !subject.Start.IsExact || subject.End is { IsExact: false };
        var isPaused = subject.IsRunning && subject.Pauses.Any(p => p.Covers(today));
        var (nextReport, reportsSoFar) = subject.IsRunning ? Reports(rule, startLatest, today) : (null, 0);

        return new ClockReading(today, rule, amount, unit, extension, certain, worst, isApproximate, isPaused, nextReport, reportsSoFar);
    }

    /// <summary>
    /// What the reading on <paramref name="today"/> depends on besides the day, to be stored beside the stage or case
    /// and read back with <see cref="ClockRecord.ReadOn"/> until it goes stale or its inputs change.
    /// </summary>
    public ClockRecord Record(LimitRule? rule, ClockSubject subject, DateOnly today) => ClockRecord.From(Evaluate(rule, subject, today), subject);

    private static DateOnly? NotBefore(DateOnly? date, DateOnly floor) => date is { } d && d < floor ? floor : date;

    /// <summary>Report dates run from the start regardless of pauses or extensions: the regulations count from the start.</summary>
    internal static (DateOnly? Next, int SoFar) Reports(LimitRule rule, DateOnly start, DateOnly today)
    {
        if (rule.FirstReportAfterMonths is not { } first)
        {
            return (null, 0);
        }

        var soFar = 0;
        for (var months = first; months <= LimitRule.MaximumAmount; months += rule.ReportEveryMonths ?? LimitRule.MaximumAmount)
        {
            // Always from the start, so month ends do not drift (31 Aug + 6 = 28 Feb, + 12 = 31 Aug).
            var due = start.AddMonths(months);
            if (due >= today)
            {
                return (due, soFar);
            }

            soFar++;
        }

        return (null, soFar);
    }

    /// <summary>Working days are counted on the bank holidays of the rule's jurisdiction.</summary>
    public WorkingDayCalendar CalendarFor(Cases.Jurisdiction jurisdiction) => jurisdiction switch
    {
        Cases.Jurisdiction.Scotland => WorkingDayCalendar.Scotland,
        Cases.Jurisdiction.NorthernIreland => WorkingDayCalendar.NorthernIreland,
        _ => _calendar,
    };

    private static ClockPoint Measure(WorkingDayCalendar calendar, int amount, LimitUnit unit, int warningPercent, DateOnly start, DateOnly? end, IReadOnlyList<Pause> pauses, DateOnly today)
    {
        var horizon = end ?? today;
        var paused = MergePauses(pauses, start, horizon, capAtHorizon: end is not null);
        var workingDays = unit == LimitUnit.WorkingDays;

        var length = unit == LimitUnit.Months ? start.AddMonths(amount).DayNumber - start.DayNumber : amount;

        DateOnly Advance(int units) => workingDays ? calendar.AddWorkingDays(start, units) : start.AddDays(units);

        int PausedUnitsThrough(DateOnly last)
        {
            var total = 0;
            foreach (var (from, to) in paused)
            {
                var lastPaused = Min(to.AddDays(-1), last);
                if (lastPaused < from)
                {
                    continue;
                }

                total += workingDays
                    ? calendar.CountWorkingDays(from.AddDays(-1), lastPaused)
                    : lastPaused.DayNumber - from.DayNumber + 1;
            }

            return total;
        }

        int CountedUnitsThrough(DateOnly last)
        {
            if (last <= start)
            {
                return 0;
            }

            var units = workingDays ? calendar.CountWorkingDays(start, last) : last.DayNumber - start.DayNumber;
            return units - PausedUnitsThrough(last);
        }

        // Push the due date by the paused units up to it until it settles (it only ever moves later).
        var due = Advance(length);
        while (true)
        {
            var pushed = Advance(length + PausedUnitsThrough(due));
            if (pushed == due)
            {
                break;
            }

            due = pushed;
        }

        var pausedDays = paused.Sum(p => Math.Max(0, Min(p.To.AddDays(-1), horizon).DayNumber - p.From.DayNumber + 1));
        var percentUsed = (int)Math.Min(int.MaxValue, CountedUnitsThrough(horizon) * 100L / length);

        if (end is { } ended)
        {
            var final = ClockThresholds.EndedStatus(due, ended);
            return new ClockPoint(final, due, final == ClockStatus.ConcludedLate ? ended.DayNumber - due.DayNumber : null, null, pausedDays, percentUsed);
        }

        bool WarnsBy(DateOnly day) => CountedUnitsThrough(day) * 100L >= (long)warningPercent * length;

        // The first day the warning share is reached: the counted units only grow with the day, and reach the whole
        // limit on the due date, so a binary search over (start, due] finds it. Stored with the clock, it lets the
        // database say "approaching" without evaluating the clock again.
        var low = start.DayNumber + 1;
        var high = due.DayNumber;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (WarnsBy(DateOnly.FromDayNumber(middle)))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var warnFrom = DateOnly.FromDayNumber(high);
        return ClockPoint.Running(due, warnFrom, today, pausedDays, percentUsed);
    }

    /// <summary>
    /// The paused days after the start as sorted, disjoint half-open spans [From, To). Open pauses run through the
    /// horizon (today, or the end day); for an ended stage nothing after the end day matters, so spans stop there.
    /// </summary>
    private static List<(DateOnly From, DateOnly To)> MergePauses(IReadOnlyList<Pause> pauses, DateOnly start, DateOnly horizon, bool capAtHorizon)
    {
        var afterHorizon = horizon.AddDays(1);
        var spans = new List<(DateOnly From, DateOnly To)>(pauses.Count);
        foreach (var pause in pauses)
        {
            var from = Max(pause.From, start.AddDays(1));
            var to = pause.To ?? afterHorizon;
            if (capAtHorizon)
            {
                to = Min(to, afterHorizon);
            }

            if (to > from)
            {
                spans.Add((from, to));
            }
        }

        spans.Sort((a, b) => a.From.CompareTo(b.From));
        var merged = new List<(DateOnly From, DateOnly To)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Max(merged[^1].To, span.To));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
