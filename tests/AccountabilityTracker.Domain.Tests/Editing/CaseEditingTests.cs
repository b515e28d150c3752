using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Editing;

public sealed class CaseEditingTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static Case NewCase() => Case.Open("ATC-2022-0001", new CaseParticulars(
        "A case", "not published", PartialDate.OnDay(2022, 9, 5), null, "London", Forces.MetropolitanPolice,
        IncidentType.Shooting, Harm.Fatal, OperationCategory.OtherCriminalOperation, null), Now);

    [Fact]
    public void A_stage_edit_cannot_end_it_before_it_starts_and_changes_nothing_when_refused()
    {
        var subject = NewCase();
        var stage = subject.AddStage(StageKind.CpsDecision, "CPS", PartialDate.InMonth(2023, 3), null, null, Now);

        Assert.Throws<DomainRuleException>(() => stage.Edit(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2023, 3, 10), PartialDate.OnDay(2023, 3, 9), "x", null, Now));

        Assert.Equal(PartialDate.InMonth(2023, 3), stage.Start);
        Assert.True(stage.IsRunning);
        Assert.Null(stage.Outcome);
    }

    [Fact]
    public void A_stage_cannot_start_before_the_incident()
    {
        var subject = NewCase();

        var refused = Assert.Throws<DomainRuleException>(() => subject.AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(2022, 9, 4), null, null, Now));

        Assert.Equal("A stage cannot start before the incident (5 Sep 2022).", refused.Message);
        Assert.NotNull(subject.AddStage(StageKind.Inquest, "Inquest", PartialDate.InYear(2022), null, null, Now));
    }

    [Fact]
    public void Editing_a_stage_renews_its_version_but_not_the_cases()
    {
        var subject = NewCase();
        var stage = subject.AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(2022, 9, 20), null, null, Now);
        var (stageVersion, caseVersion) = (stage.Version, subject.Version);

        stage.Edit(StageKind.Inquest, "Inquest opened and adjourned", stage.Start, null, null, "adjourned", Now.AddHours(1));

        Assert.NotEqual(stageVersion, stage.Version);
        Assert.Equal(caseVersion, subject.Version);
        Assert.Equal(Now.AddHours(1), subject.UpdatedAtUtc);
        Assert.Equal("adjourned", stage.Notes);
    }

    [Fact]
    public void An_officer_cannot_take_the_cipher_of_another_officer_of_the_case()
    {
        var subject = NewCase();
        subject.AddOfficer("NX121", null, true, null, Now);
        var other = subject.AddOfficer("E7", null, false, null, Now);

        Assert.Throws<DomainRuleException>(() => other.Edit("nx121", null, false, null, Now));
        other.Edit("e8", "  A Name  ", true, new DateOnly(2024, 3, 8), Now);

        Assert.Equal(("E8", "A Name", true), (other.Cipher, other.RealName, other.UnderAnonymityOrder));
    }

    [Fact]
    public void Moving_a_source_between_parts_keeps_each_parts_list_right()
    {
        var subject = NewCase();
        var stage = subject.AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(2022, 9, 20), null, null, Now);
        var milestone = subject.AddMilestone("Officer named", PartialDate.OnDay(2024, 3, 8), null, Now);
        var source = subject.AddSource(new SourceDetails(new Uri("https://example.org/a"), null, null, null), Now, stage);

        subject.EditSource(source, new SourceDetails(new Uri("https://example.org/b"), "Example", null, "quote"), Now, milestone: milestone);

        Assert.Empty(stage.Sources);
        Assert.Same(source, Assert.Single(milestone.Sources));
        Assert.Equal("https://example.org/b", source.Url);
        Assert.Throws<DomainRuleException>(() => subject.EditSource(source, new SourceDetails(new Uri("ftp://example.org/"), null, null, null), Now));
        Assert.Throws<DomainRuleException>(() => subject.EditSource(source, new SourceDetails(new Uri("https://example.org/"), null, null, null), Now, stage, milestone));
    }

    [Fact]
    public void Archiving_twice_or_restoring_an_active_case_is_refused()
    {
        var subject = NewCase();

        Assert.Throws<DomainRuleException>(() => subject.Restore(Now));
        subject.Archive(Now);
        Assert.Throws<DomainRuleException>(() => subject.Archive(Now));
        subject.Restore(Now);

        Assert.False(subject.IsArchived);
    }
}
