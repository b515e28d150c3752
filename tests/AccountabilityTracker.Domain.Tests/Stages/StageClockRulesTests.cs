using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Stages;

/// <summary>The rules a stage owns about its pauses and extensions.</summary>
public class StageClockRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Start = new(2024, 1, 10);

    [Fact]
    public void A_pause_and_its_resumption_reach_the_clock_subject()
    {
        var stage = Running();
        stage.Pause(new DateOnly(2024, 2, 1), null, "Criminal proceedings", Now);
        stage.Resume(new DateOnly(2024, 3, 1), Now);

        var pause = Assert.Single(stage.ClockSubject(stage.Start).Pauses);

        Assert.Equal(new Pause(new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), "Criminal proceedings"), pause);
    }

    [Fact]
    public void Changing_the_clock_renews_the_stage_token_and_marks_the_case_updated()
    {
        var stage = Running();
        var before = (stage.Version, stage.Case.Version);
        var later = Now.AddHours(1);

        stage.Pause(new DateOnly(2024, 2, 1), null, "reason", later);

        // A change to a part of the case does not refuse a colleague's edit of the case's own fields.
        Assert.NotEqual(before.Item1, stage.Version);
        Assert.Equal(before.Item2, stage.Case.Version);
        Assert.Equal(later, stage.Case.UpdatedAtUtc);
    }

    [Theory]
    [InlineData("2024-01-09", null, "before the stage started")]
    [InlineData("2024-02-01", "2024-02-01", "at least one day")]
    public void Pauses_outside_the_stage_or_of_no_length_are_refused(string from, string? to, string message)
    {
        var stage = Running();

        var refused = Assert.Throws<DomainRuleException>(() => stage.Pause(Day(from), to is null ? null : Day(to), "reason", Now));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Empty(stage.Pauses);
    }

    [Fact]
    public void Pauses_never_overlap_and_only_one_is_open()
    {
        var stage = Running();
        stage.Pause(new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), "first", Now);

        var overlapping = Assert.Throws<DomainRuleException>(() => stage.Pause(new DateOnly(2024, 2, 20), new DateOnly(2024, 4, 1), "second", Now));
        stage.Pause(new DateOnly(2024, 3, 1), null, "adjacent is fine", Now);
        var secondOpen = Assert.Throws<DomainRuleException>(() => stage.Pause(new DateOnly(2024, 6, 1), null, "third", Now));

        Assert.Contains("overlaps", overlapping.Message, StringComparison.Ordinal);
        Assert.Contains("already paused", secondOpen.Message, StringComparison.Ordinal);
        Assert.Equal(2, stage.Pauses.Count);
    }

    [Fact]
    public void A_pause_of_an_ended_stage_stays_within_it()
    {
        var stage = Ended(new DateOnly(2024, 6, 30));

        var afterEnd = Assert.Throws<DomainRuleException>(() => stage.Pause(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 5), "late", Now));
        var runsPast = Assert.Throws<DomainRuleException>(() => stage.Pause(new DateOnly(2024, 6, 1), new DateOnly(2024, 8, 1), "long", Now));
        stage.Pause(new DateOnly(2024, 6, 1), new DateOnly(2024, 7, 1), "to the end", Now);

        Assert.Contains("after the stage ended", afterEnd.Message, StringComparison.Ordinal);
        Assert.Contains("past the stage's end", runsPast.Message, StringComparison.Ordinal);
        Assert.Single(stage.Pauses);
    }

    [Fact]
    public void Resuming_needs_an_open_pause_and_a_later_day()
    {
        var stage = Running();
        var notPaused = Assert.Throws<DomainRuleException>(() => stage.Resume(new DateOnly(2024, 3, 1), Now));
        stage.Pause(new DateOnly(2024, 2, 1), null, "reason", Now);
        var sameDay = Assert.Throws<DomainRuleException>(() => stage.Resume(new DateOnly(2024, 2, 1), Now));

        Assert.Contains("not paused", notPaused.Message, StringComparison.Ordinal);
        Assert.Contains("only after the pause began", sameDay.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(stage.Pauses).IsOpen);
    }

    [Fact]
    public void A_stage_with_an_unknown_start_cannot_be_paused()
    {
        var owner = Owner();
        var stage = owner.AddStage(StageKind.Inquest, "Start unknown", PartialDate.Unknown, null, null, Now);

        Assert.Throws<DomainRuleException>(() => stage.Pause(Start, null, "reason", Now));
    }

    [Fact]
    public void An_extension_needs_a_reason_a_valid_limit_and_a_day_after_the_start()
    {
        var stage = Running();

        Assert.Throws<DomainRuleException>(() => stage.Extend(Start, 12, null, "  ", Now));
        Assert.Throws<DomainRuleException>(() => stage.Extend(Start, 0, null, "reason", Now));
        Assert.Throws<DomainRuleException>(() => stage.Extend(Start, 12, (LimitUnit)42, "reason", Now));
        Assert.Throws<DomainRuleException>(() => stage.Extend(Start.AddDays(-1), 12, null, "reason", Now));
        var extension = stage.Extend(Start.AddDays(30), 18, LimitUnit.Months, " Granted by the IOPC ", Now);

        Assert.Equal(new Extension(Start.AddDays(30), 18, LimitUnit.Months, "Granted by the IOPC"), extension.ToExtension());
        Assert.Single(stage.ClockSubject(stage.Start).Extensions);
    }

    private static Case Owner() => Case.Open(
        "ATC-2024-0001",
        new CaseParticulars("A case", "not published", PartialDate.OnDay(2024, 1, 1), null, "London", Forces.MetropolitanPolice, IncidentType.Shooting, Harm.Fatal, OperationCategory.OtherCriminalOperation, null),
        Now);

    private static Stage Running() => Owner().AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(Start), null, null, Now);

    private static Stage Ended(DateOnly end) => Owner().AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(Start), PartialDate.OnDay(end), null, Now);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
