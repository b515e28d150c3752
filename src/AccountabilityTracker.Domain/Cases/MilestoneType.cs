namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// What a milestone is, so limit rules can run from one event to another (regulation 33: papers to the chair →
/// pre-hearing). <see cref="Other"/> is an untyped milestone. The national-context types (reviews, ministerial
/// statements, law or policy changes) are not proceedings of the case: timelines show them in a lane of their own and
/// no duration or report counts them.
/// </summary>
public enum MilestoneType
{
    Other = 0,
    Referral = 1,
    FileToCps = 2,
    CpsDecision = 3,
    PapersToChair = 4,
    PreHearingHeld = 5,
    HearingListed = 6,
    HearingHeld = 7,
    ReportPublished = 8,

    /// <summary>A decision open to challenge (an IOPC, CPS, coroner's or panel's decision): judicial review runs from it.</summary>
    Decision = 9,

    /// <summary>A decision challenged: a claim for judicial review filed, a victims' right to review or an appeal lodged.</summary>
    DecisionChallenged = 10,

    /// <summary>An anonymity or reporting-restriction ruling about the case.</summary>
    AnonymityRuling = 11,

    NationalReview = 20,
    MinisterialStatement = 21,
    LawOrPolicyChange = 22,
}

public static class MilestoneTypes
{
    public static string DisplayName(this MilestoneType type) => type switch
    {
        MilestoneType.Referral => "Referral",
        MilestoneType.FileToCps => "File to CPS",
        MilestoneType.CpsDecision => "CPS decision",
        MilestoneType.PapersToChair => "Papers to chair",
        MilestoneType.PreHearingHeld => "Pre-hearing held",
        MilestoneType.HearingListed => "Hearing listed",
        MilestoneType.HearingHeld => "Hearing held",
        MilestoneType.ReportPublished => "Report published",
        MilestoneType.Decision => "Decision",
        MilestoneType.DecisionChallenged => "Decision challenged",
        MilestoneType.AnonymityRuling => "Anonymity ruling",
        MilestoneType.NationalReview => "National review",
        MilestoneType.MinisterialStatement => "Ministerial statement",
        MilestoneType.LawOrPolicyChange => "Law or policy change",
        _ => "Other",
    };

    /// <summary>National context: reviews, statements and law changes beyond the case, never counted as its proceedings.</summary>
    public static bool IsNationalContext(this MilestoneType type) =>
        type is MilestoneType.NationalReview or MilestoneType.MinisterialStatement or MilestoneType.LawOrPolicyChange;
}
