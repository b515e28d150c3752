using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Analysis;

/// <summary>
/// Issue 16: how the outcome contrasts and the officer burden read officer events. A charge counts from a stage's outcome
/// or an officer event, whichever came first; an imprecise first event is counted and not timed; removed events and cases
/// outside the filter never count; suspensions and restricted duties are merged per kind, open ones run to today, and
/// periods without exact dates are counted as unmeasured.
/// </summary>
public sealed class OfficerEventFiguresTests : IAsyncLifetime
{
    private const string Force = "Kent Police";
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var now = _app.Time.GetUtcNow().UtcDateTime;

            // Charged by the CPS on 1 June 2020, but the officer's charge event is in May 2020 (month only): it may be earlier.
            var monthFirst = CaseBuilder.Build("ATC-2020-0101", incident: PartialDate.OnDay(2020, 1, 1), force: Force);
            monthFirst.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2020, 3, 1), PartialDate.OnDay(2020, 6, 1), "Charged with murder", now, outcomeType: OutcomeType.Charged);
            var o1 = monthFirst.AddOfficer("E1", null, false, null, now);
            monthFirst.AddOfficerEvent(o1, OfficerEventKind.Charged, PartialDate.InMonth(2020, 5), null, null, now);

            // Charged by the CPS on 1 June 2020; the charge event is in July 2020 (month only): the decision came first.
            var monthLater = CaseBuilder.Build("ATC-2020-0102", incident: PartialDate.OnDay(2020, 1, 1), force: Force);
            monthLater.AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2020, 3, 1), PartialDate.OnDay(2020, 6, 1), "Charged with murder", now, outcomeType: OutcomeType.Charged);
            var o2 = monthLater.AddOfficer("E2", null, false, null, now);
            monthLater.AddOfficerEvent(o2, OfficerEventKind.Charged, PartialDate.InMonth(2020, 7), null, null, now);
            monthLater.AddOfficerEvent(o2, OfficerEventKind.Arrested, PartialDate.OnDay(2020, 1, 2), null, null, now).Remove(now);

            // No charging decision; the officer was arrested (exact) and charged (exact); a month-precision arrest of a second officer is later.
            var eventsOnly = CaseBuilder.Build("ATC-2020-0103", incident: PartialDate.OnDay(2020, 1, 1), force: Force);
            var o3 = eventsOnly.AddOfficer("E3", null, false, null, now);
            var o4 = eventsOnly.AddOfficer("E4", null, false, null, now);
            eventsOnly.AddOfficerEvent(o3, OfficerEventKind.Arrested, PartialDate.OnDay(2020, 1, 11), null, null, now);
            eventsOnly.AddOfficerEvent(o4, OfficerEventKind.Arrested, PartialDate.InMonth(2020, 2), null, null, now);
            eventsOnly.AddOfficerEvent(o3, OfficerEventKind.Charged, PartialDate.OnDay(2020, 4, 10), null, null, now);

            // Another force: outside the filter, never counted.
            var elsewhere = CaseBuilder.Build("ATC-2020-0104", incident: PartialDate.OnDay(2020, 1, 1), force: Forces.MetropolitanPolice);
            var o5 = elsewhere.AddOfficer("E5", null, false, null, now);
            elsewhere.AddOfficerEvent(o5, OfficerEventKind.Arrested, PartialDate.OnDay(2020, 1, 2), null, null, now);

            db.Cases.AddRange(monthFirst, monthLater, eventsOnly, elsewhere);
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_charge_counts_from_either_source_and_an_imprecise_first_event_is_a_range_counted_at_its_middle()
    {
        var report = await _app.SendAsync(new GetOutcomeContrasts.Query { Force = Force });

        var charged = report.Total.Of("charged");
        Assert.Equal((3, 3), (charged.Cases, charged.Of));

        // The decision of 1 June 2020 (152 days) where the July event can only be later; the exact event of 10 April (100 days);
        // and the case whose May event may precede its decision: the first charge lies between 1 and 31 May, 121 to 151
        // days, counted at the middle (136) and flagged approximate.
        Assert.Equal(3, charged.DaysFromIncident.Count);
        Assert.Equal(1, charged.ApproximateTimings);
        Assert.Equal(136, charged.DaysFromIncident.Median);

        var arrested = report.Total.Of("arrested");
        Assert.Equal(1, arrested.Cases); // the removed arrest does not count, nor the other force's
        Assert.Equal(1, arrested.DaysFromIncident.Count);
        Assert.Equal(10, arrested.DaysFromIncident.Median); // the exact 11 January arrest comes before any day of February
        Assert.Equal(0, report.Total.Of("interviewed_under_caution").Cases);
    }

    [Fact]
    public void Periods_of_a_kind_count_each_day_once_open_ones_run_to_today_and_imprecise_ones_are_not_measured()
    {
        var today = new DateOnly(2026, 11, 23);
        static GetOfficerBurden.EventRow Period(OfficerEventKind kind, DateOnly start, DateOnly? end, DatePrecision precision = DatePrecision.Day) =>
            new(1, kind, PartialDate.FromStored(start, precision), end is { } e ? Ending.On(PartialDate.OnDay(e)) : Ending.Running);

        var periods = GetOfficerBurden.PeriodsOf(
        [
            Period(OfficerEventKind.Suspended, new(2020, 1, 1), new(2020, 1, 31)),
            Period(OfficerEventKind.Suspended, new(2020, 1, 15), new(2020, 2, 10)), // overlaps the first
            Period(OfficerEventKind.Suspended, new(2020, 1, 20), new(2020, 1, 25)), // inside both
            Period(OfficerEventKind.Suspended, new(2020, 2, 10), new(2020, 2, 20)), // starts the day the second ends
            Period(OfficerEventKind.Suspended, new(2020, 5, 1), new(2020, 6, 1), DatePrecision.Month), // not measured
            Period(OfficerEventKind.RestrictedDuties, new(2020, 2, 15), null), // open
            Period(OfficerEventKind.RestrictedDuties, new(2019, 6, 1), null) with { End = Ending.Undated }, // ended, date unknown: not running, not measured
            new(1, OfficerEventKind.Arrested, PartialDate.OnDay(2020, 1, 1), Ending.Running), // a point, not a period
        ], today);

        Assert.Equal(new DateOnly(2020, 2, 20).DayNumber - new DateOnly(2020, 1, 1).DayNumber, periods.DaysSuspended);
        Assert.Equal(today.DayNumber - new DateOnly(2020, 2, 15).DayNumber, periods.DaysRestricted);
        Assert.Equal(today.DayNumber - new DateOnly(2020, 1, 1).DayNumber, periods.DaysEither);
        Assert.True(periods.Running);
        Assert.Equal(2, periods.Unmeasured);
        Assert.Equal(new GetOfficerBurden.Periods(0, 0, 0, false, 0), GetOfficerBurden.PeriodsOf([], today));
    }
}
