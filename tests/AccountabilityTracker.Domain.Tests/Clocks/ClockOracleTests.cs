using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

using static AccountabilityTracker.Domain.Tests.Clocks.ClockTestKit;

namespace AccountabilityTracker.Domain.Tests.Clocks;

/// <summary>
/// Checks the evaluator's pause arithmetic against a plain day-by-day walk: the due date is the day on which the
/// limit's last counted day falls, where a counted day is after the start, not paused, and (for working-day limits)
/// a working day.
/// </summary>
public class ClockOracleTests
{
    [Theory]
    [InlineData(LimitUnit.CalendarDays, 1)]
    [InlineData(LimitUnit.CalendarDays, 2)]
    [InlineData(LimitUnit.WorkingDays, 3)]
    [InlineData(LimitUnit.WorkingDays, 4)]
    [InlineData(LimitUnit.Months, 5)]
    public void Due_date_and_status_match_a_day_by_day_walk(LimitUnit unit, int seed)
    {
        var random = new SimpleRandom(seed);
        var calendar = WorkingDayCalendar.EnglandAndWales;
        for (var round = 0; round < 150; round++)
        {
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2000));
            var amount = unit == LimitUnit.Months ? random.Next(1, 13) : random.Next(1, 120);
            var today = start.AddDays(random.Next(0, 500));
            DateOnly? end = random.Next(0, 3) == 0 ? start.AddDays(random.Next(0, 500)) : null;
            var pauses = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ =>
                {
                    var from = start.AddDays(random.Next(-20, 300));
                    return Paused(from, random.Next(0, 4) == 0 ? null : from.AddDays(random.Next(0, 90)));
                })
                .ToArray();
            var rule = new LimitRule { StageKind = Cases.StageKind.Inquest, Amount = amount, Unit = unit };
            var subject = new ClockSubject(PartialDate.OnDay(start), end is { } e ? PartialDate.OnDay(e) : null, pauses);

            var reading = On(today).Evaluate(rule, subject);

            var horizon = end ?? today;
            var limit = unit == LimitUnit.Months ? DaysBetween(start, start.AddMonths(amount)) : amount;
            bool Counted(DateOnly day) =>
                day > start
                && (unit != LimitUnit.WorkingDays || calendar.IsWorkingDay(day))
                && !pauses.Any(p => day >= p.From && (p.To is { } to ? day < to : day <= horizon));
            var expectedDue = start;
            for (var counted = 0; counted < limit;)
            {
                expectedDue = expectedDue.AddDays(1);
                if (Counted(expectedDue))
                {
                    counted++;
                }
            }

            var context = $"round {round}: start {start}, {amount} {unit}, today {today}, end {end}, pauses {string.Join("; ", pauses.Select(p => $"{p.From}–{p.To}"))}";
            if (end is { } ended)
            {
                // After the end nothing counts, so only the status (not the displayed due date) is comparable.
                Assert.True((ended > expectedDue) == (reading.Status == ClockStatus.ConcludedLate), context);
            }
            else
            {
                Assert.True(expectedDue == reading.DueDate, context + $": expected {expectedDue}, got {reading.DueDate}");
                Assert.True((today > expectedDue) == (reading.Status == ClockStatus.Overdue), context);
            }
        }
    }

    /// <summary>A tiny deterministic generator, so failures reproduce from the seed.</summary>
    private sealed class SimpleRandom(int seed)
    {
        private uint _state = (uint)seed * 2654435761u;

        public int Next(int minInclusive, int maxExclusive)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return minInclusive + (int)(_state % (uint)(maxExclusive - minInclusive));
        }
    }
}
