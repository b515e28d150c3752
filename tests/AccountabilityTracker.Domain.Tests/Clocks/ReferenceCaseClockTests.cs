using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

using static AccountabilityTracker.Domain.Tests.Clocks.ClockTestKit;

namespace AccountabilityTracker.Domain.Tests.Clocks;

/// <summary>The reference cases in shared/data/reference-cases.json, against the default limits.</summary>
public class ReferenceCaseClockTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Baker_ipcc_investigation_concluded_twelve_days_late()
    {
        var referral = new DateOnly(2015, 12, 11);
        var finalReport = new DateOnly(2016, 12, 23);

        var reading = On(Today).Evaluate(DefaultLimitRules.IopcInvestigation, Ended(referral, finalReport));

        Assert.Equal(new DateOnly(2016, 12, 11), reading.DueDate);
        Assert.Equal(ClockStatus.ConcludedLate, reading.Status);
        Assert.Equal(DaysBetween(new DateOnly(2016, 12, 11), finalReport), reading.DaysOver);
        Assert.Equal("concluded 12 days late", reading.Describe());
        Assert.Null(reading.NextReportDue);
    }

    [Fact]
    public void Kaba_iopc_investigation_concluded_within_the_twelve_months()
    {
        var reading = On(Today).Evaluate(DefaultLimitRules.IopcInvestigation, Ended(new DateOnly(2022, 9, 6), new DateOnly(2023, 3, 30)));

        Assert.Equal(ClockStatus.ConcludedInTime, reading.Status);
        Assert.Null(reading.DaysOver);
        Assert.Equal("concluded within limit", reading.Describe());
    }

    [Fact]
    public void Kaba_inquest_opened_and_adjourned_is_overdue_against_the_six_month_target()
    {
        var opened = new DateOnly(2022, 10, 4);

        var reading = On(Today).Evaluate(DefaultLimitRules.Inquest, new ClockSubject(PartialDate.OnDay(opened)));

        Assert.Equal(new DateOnly(2023, 4, 4), reading.DueDate);
        Assert.Equal(ClockStatus.Overdue, reading.Status);
        Assert.Equal(DaysBetween(new DateOnly(2023, 4, 4), Today), reading.DaysOver);
        Assert.Equal(1, reading.ReportsDueSoFar); // the Chief Coroner was to be told at 12 months
    }
}
