using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Editing;

/// <summary>Issue 15: end states, officers without a cipher, case status, jurisdictions and outcome types as the entities hold them.</summary>
public sealed class LegalRecordTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static Case NewCase(Jurisdiction jurisdiction = Jurisdiction.EnglandAndWales, string force = Forces.MetropolitanPolice) => Case.Open("ATC-2015-0001", new CaseParticulars(
        "A case", "not published", PartialDate.OnDay(2015, 5, 3), null, "Somewhere", force,
        IncidentType.NotRecorded, Harm.NotRecorded, OperationCategory.NotKnown, null, jurisdiction), Now);

    [Fact]
    public void A_stage_ended_on_an_unknown_date_is_not_running_and_has_no_duration()
    {
        var stage = NewCase().AddStage(StageKind.IopcInvestigation, "IPCC", PartialDate.OnDay(2015, 5, 3), PartialDate.Unknown, "File passed to the CPS", Now);

        Assert.False(stage.IsRunning);
        Assert.Equal(PartialDate.Unknown, stage.End);
        Assert.Null(stage.Duration(new DateOnly(2026, 11, 23)));
    }

    [Theory]
    [InlineData("Murder charge authorised (Wed 20 Sep 2023) by CPS Special Crime Division.", StageKind.CpsDecision, OutcomeType.Charged)]
    [InlineData("Charges authorised against two officers.", StageKind.CpsDecision, OutcomeType.Charged)]
    [InlineData("Not guilty of murder (Mon 21 Oct 2024); unanimous verdict.", StageKind.CriminalTrial, OutcomeType.Acquitted)]
    [InlineData("The panel found no case to answer.", StageKind.MisconductProceedings, OutcomeType.NoCaseToAnswer)]
    [InlineData("Officer to face a gross misconduct hearing", StageKind.IopcInvestigation, OutcomeType.CaseToAnswerGrossMisconduct)]
    [InlineData("Jury returned a conclusion of unlawful killing", StageKind.Inquest, OutcomeType.UnlawfulKilling)]
    [InlineData("Found guilty of gross misconduct and given a final written warning.", StageKind.MisconductProceedings, OutcomeType.Proven)]
    public void Outcome_text_suggests_the_one_type_of_the_stage_kind_it_names(string text, StageKind kind, OutcomeType expected) =>
        Assert.Equal(expected, Outcomes.Suggest(text, kind));

    [Theory]
    [InlineData("Opened and adjourned pending the IOPC investigation", StageKind.Inquest)]
    [InlineData("Acquitted of murder; convicted of misconduct in public office", StageKind.CriminalTrial)]
    [InlineData("Judgment: no violation of Article 2; the decision not to prosecute individuals was lawful.", StageKind.Appeal)]
    [InlineData("Hearing discontinued; an earlier claim had been dismissed.", StageKind.MisconductProceedings)]
    [InlineData("", StageKind.CpsDecision)]
    public void Outcome_text_suggests_nothing_when_it_names_no_single_type_of_the_kind(string text, StageKind kind) =>
        Assert.Null(Outcomes.Suggest(text, kind));

    [Fact]
    public void Outcome_text_alone_never_sets_a_type()
    {
        var stage = NewCase().AddStage(StageKind.CpsDecision, "Decision", PartialDate.OnDay(2016, 1, 1), PartialDate.OnDay(2017, 1, 1), "Charged with murder", Now);
        Assert.Equal(OutcomeType.Unclassified, stage.OutcomeType);

        stage.ClassifyOutcome(OutcomeType.Charged, Now);
        stage.Edit(StageKind.CpsDecision, "Decision", stage.Start, stage.End, "Charged with murder; later discontinued", null, Now);
        Assert.Equal(OutcomeType.Charged, stage.OutcomeType);

        stage.Edit(StageKind.CpsDecision, "Decision", stage.Start, stage.End, null, null, Now, OutcomeType.Other);
        Assert.Equal((OutcomeType.Other, (string?)null), (stage.OutcomeType, stage.Outcome));
    }

    [Fact]
    public void An_editor_classifies_an_outcome_and_a_stage_with_text_is_never_typeless()
    {
        var stage = NewCase().AddStage(StageKind.Inquest, "Inquest", PartialDate.OnDay(2016, 1, 1), PartialDate.OnDay(2017, 1, 1), "Opened and adjourned", Now);
        Assert.Equal(OutcomeType.Unclassified, stage.OutcomeType);

        stage.ClassifyOutcome(OutcomeType.Narrative, Now);
        Assert.Equal(OutcomeType.Narrative, stage.OutcomeType);

        stage.ClassifyOutcome(OutcomeType.None, Now);
        Assert.Equal(OutcomeType.Unclassified, stage.OutcomeType);
    }

    [Fact]
    public void Officers_may_have_a_name_without_a_cipher_and_a_restricted_name_shows_only_to_allowed_roles()
    {
        var subject = NewCase();
        var named = subject.AddOfficer(new OfficerDetails(null, "PC Benjamin Monk", NameIsPublic: true, null, false), Now);
        var hidden = subject.AddOfficer(new OfficerDetails("B12", "A Name", NameIsPublic: false, null, true, new DateOnly(2016, 1, 10)), Now);

        Assert.Equal(("PC Benjamin Monk", "PC Benjamin Monk"), (named.VisibleName(false), named.Designation(false)));
        Assert.Equal((null, "B12"), (hidden.VisibleName(false), hidden.Designation(false)));
        Assert.Equal("A Name", hidden.VisibleName(true));
        Assert.Throws<DomainRuleException>(() => subject.AddOfficer(new OfficerDetails(" ", null, false, null, false), Now));
        Assert.Throws<DomainRuleException>(() => subject.AddOfficer(new OfficerDetails("b12", null, false, null, false), Now));
    }

    [Fact]
    public void A_case_with_no_running_stage_is_awaiting_until_closed_and_stalls_past_its_expected_date()
    {
        var subject = NewCase();
        subject.AddStage(StageKind.MisconductProceedings, "Misconduct", PartialDate.OnDay(2016, 1, 1), PartialDate.OnDay(2017, 1, 1), "Officer to face a gross misconduct hearing", Now);
        var today = new DateOnly(2026, 11, 23);

        Assert.Equal("Awaiting: next step not recorded", Case.DescribeStatus(subject.Status, subject.StatusNote, subject.ClosedOn, subject.ExpectedOn, hasRunningStage: false));

        subject.AwaitNextStep("gross misconduct hearing to be listed", new DateOnly(2025, 1, 1), Now);
        Assert.True(subject.IsStalledOn(today));
        Assert.False(subject.IsStalledOn(new DateOnly(2025, 1, 1)));
        var running = subject.AddStage(StageKind.Appeal, "Appeal", PartialDate.OnDay(2024, 1, 1), null, null, Now);
        Assert.False(subject.IsStalledOn(today));
        running.Close(PartialDate.OnDay(2024, 6, 1), "Dismissed", Now);
        Assert.True(subject.IsStalledOn(today));

        subject.Close(new DateOnly(2025, 10, 15), "Hearing held: case dismissed", Now);
        Assert.Equal("Closed on 15 Oct 2025: Hearing held: case dismissed", Case.DescribeStatus(subject.Status, subject.StatusNote, subject.ClosedOn, subject.ExpectedOn, false));
        Assert.False(subject.IsStalledOn(today));
        Assert.Throws<DomainRuleException>(() => subject.Close(new DateOnly(2014, 1, 1), "before the incident", Now));
    }

    [Fact]
    public void Each_jurisdiction_has_its_forces_and_its_own_kinds_rules()
    {
        Assert.True(Forces.IsKnown(Forces.PoliceScotland, Jurisdiction.Scotland));
        Assert.False(Forces.IsKnown(Forces.PoliceScotland));
        Assert.Equal(Jurisdiction.NorthernIreland, Forces.OnlyJurisdictionOf(Forces.PoliceServiceOfNorthernIreland));
        Assert.Equal(Jurisdiction.Scotland, StageKind.PircInvestigation.RuleJurisdiction());
        Assert.Equal(Jurisdiction.EnglandAndWales, StageKind.PublicInquiry.RuleJurisdiction());
        Assert.Equal(Jurisdiction.Scotland, NewCase(Jurisdiction.Scotland, Forces.PoliceScotland).Jurisdiction);
    }
}
