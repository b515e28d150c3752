namespace AccountabilityTracker.Domain.Cases;

/// <summary>What a stage ended with, from a controlled list (domain.md, "Outcomes"); the free text beside it gives the detail.</summary>
public enum OutcomeType
{
    /// <summary>No outcome is recorded.</summary>
    None = 0,

    /// <summary>An outcome is recorded (free text) but no one has chosen its type yet: listed under "outcomes to confirm".</summary>
    Unclassified = 1,

    ReferredToCps = 2,
    NoFurtherAction = 3,
    Charged = 4,
    Convicted = 5,
    Acquitted = 6,
    CaseToAnswerGrossMisconduct = 7,
    CaseToAnswerMisconduct = 8,
    NoCaseToAnswer = 9,
    Proven = 10,
    NotProven = 11,
    LawfulKilling = 12,
    UnlawfulKilling = 13,
    OpenConclusion = 14,
    Narrative = 15,
    Allowed = 16,
    Dismissed = 17,
    Findings = 18,

    /// <summary>A person looked and none of the types fits: classified, unlike <see cref="Unclassified"/>.</summary>
    Other = 19,
}

public static class Outcomes
{
    private static readonly OutcomeType[] Investigation = [OutcomeType.ReferredToCps, OutcomeType.CaseToAnswerGrossMisconduct, OutcomeType.CaseToAnswerMisconduct, OutcomeType.NoCaseToAnswer, OutcomeType.NoFurtherAction];
    private static readonly OutcomeType[] Decision = [OutcomeType.Charged, OutcomeType.NoFurtherAction];
    private static readonly OutcomeType[] Trial = [OutcomeType.Convicted, OutcomeType.Acquitted];
    private static readonly OutcomeType[] Inquest = [OutcomeType.LawfulKilling, OutcomeType.UnlawfulKilling, OutcomeType.OpenConclusion, OutcomeType.Narrative];
    private static readonly OutcomeType[] Misconduct = [OutcomeType.Proven, OutcomeType.NotProven, OutcomeType.NoCaseToAnswer, OutcomeType.Dismissed];
    private static readonly OutcomeType[] Court = [OutcomeType.Allowed, OutcomeType.Dismissed];

    /// <summary>Words that point to one outcome type, checked in order (the more specific first).</summary>
    private static readonly (OutcomeType Type, string[] Phrases)[] Phrases =
    [
        (OutcomeType.NoCaseToAnswer, ["no case to answer"]),
        (OutcomeType.CaseToAnswerGrossMisconduct, ["case to answer for gross misconduct", "gross misconduct hearing", "case for a gross misconduct"]),
        (OutcomeType.CaseToAnswerMisconduct, ["case to answer for misconduct"]),
        (OutcomeType.NotProven, ["not proven", "not found proven"]),
        (OutcomeType.Proven, ["gross misconduct proven", "misconduct proven", "found proven", "found guilty of gross misconduct", "found guilty of misconduct"]),
        (OutcomeType.ReferredToCps, ["referred to the cps", "referred a file", "file of evidence referred", "referred to cps"]),
        (OutcomeType.NoFurtherAction, ["no further action", "no realistic prospect of conviction", "decided not to charge", "not to prosecute", "no charge"]),
        (OutcomeType.Charged, ["charge authorised", "charges authorised", "charged with", "charge of"]),
        (OutcomeType.Acquitted, ["acquitted", "not guilty"]),
        (OutcomeType.Convicted, ["convicted", "found guilty"]),
        (OutcomeType.UnlawfulKilling, ["unlawful killing", "unlawfully killed"]),
        (OutcomeType.LawfulKilling, ["lawful killing", "lawfully killed"]),
        (OutcomeType.OpenConclusion, ["open conclusion"]),
        (OutcomeType.Narrative, ["narrative conclusion"]),
        (OutcomeType.Allowed, ["appeal allowed", "claim allowed", "allowed the appeal"]),
        (OutcomeType.Dismissed, ["dismissed"]),
    ];

    /// <summary>The types a person can choose: every type but "no outcome" and "not classified", which describe the absence of a choice.</summary>
    public static IReadOnlyList<OutcomeType> Choosable { get; } = [.. Enum.GetValues<OutcomeType>().Where(t => t is not OutcomeType.None and not OutcomeType.Unclassified)];

    /// <summary>Words that say the text reports something other than this stage's own outcome (an earlier decision, a stop): no suggestion then.</summary>
    private static readonly string[] Hedges = ["discontinued", "adjourned", "withdrawn", "earlier", "previous", "overturned", "quashed", "pending"];

    /// <summary>The outcome types a stage of <paramref name="kind"/> usually has, listed first in forms; every type is allowed.</summary>
    public static IReadOnlyList<OutcomeType> TypicalFor(StageKind kind) => kind switch
    {
        StageKind.IopcInvestigation or StageKind.PircInvestigation or StageKind.PoliceOmbudsmanInvestigation => Investigation,
        StageKind.CpsDecision or StageKind.CrownOfficeDecision or StageKind.PpsDecision => Decision,
        StageKind.CriminalTrial => Trial,
        StageKind.Inquest or StageKind.FatalAccidentInquiry => Inquest,
        StageKind.PublicInquiry => [OutcomeType.Findings],
        StageKind.MisconductProceedings => Misconduct,
        StageKind.JudicialReview or StageKind.Appeal => Court,
        _ => [],
    };

    /// <summary>
    /// A type the text of a <paramref name="kind"/> stage's outcome points to, for a person to confirm or correct (the
    /// tracker never stores it by itself: people decide types). Only the kind's typical types are suggested ("found
    /// guilty of gross misconduct" on misconduct proceedings is Proven, never Convicted), only when exactly one type is
    /// named, and never when the text reports an earlier decision or a stop ("discontinued", "earlier", …); otherwise null.
    /// </summary>
    public static OutcomeType? Suggest(string? text, StageKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var typical = TypicalFor(kind);
        var lower = text.ToLowerInvariant();
        if (Hedges.Any(h => lower.Contains(h, StringComparison.Ordinal)))
        {
            return null;
        }

        var found = new List<OutcomeType>();
        foreach (var (type, phrases) in Phrases)
        {
            if (phrases.Any(p => lower.Contains(p, StringComparison.Ordinal)))
            {
                found.Add(type);
                lower = phrases.Aggregate(lower, (current, p) => current.Replace(p, " ", StringComparison.Ordinal));
            }
        }

        var fitting = found.Where(typical.Contains).ToList();
        return found.Count == 1 && fitting.Count == 1 ? fitting[0] : null;
    }

    public static string DisplayName(this OutcomeType type) => type switch
    {
        OutcomeType.None => "No outcome",
        OutcomeType.Unclassified => "Not classified",
        OutcomeType.ReferredToCps => "Referred to prosecutor",
        OutcomeType.NoFurtherAction => "No further action",
        OutcomeType.Charged => "Charged",
        OutcomeType.Convicted => "Convicted",
        OutcomeType.Acquitted => "Acquitted",
        OutcomeType.CaseToAnswerGrossMisconduct => "Case to answer (gross misconduct)",
        OutcomeType.CaseToAnswerMisconduct => "Case to answer (misconduct)",
        OutcomeType.NoCaseToAnswer => "No case to answer",
        OutcomeType.Proven => "Proven",
        OutcomeType.NotProven => "Not proven",
        OutcomeType.LawfulKilling => "Lawful killing",
        OutcomeType.UnlawfulKilling => "Unlawful killing",
        OutcomeType.OpenConclusion => "Open conclusion",
        OutcomeType.Narrative => "Narrative conclusion",
        OutcomeType.Allowed => "Allowed",
        OutcomeType.Dismissed => "Dismissed",
        OutcomeType.Findings => "Findings",
        OutcomeType.Other => "Other (none of these)",
        _ => type.ToString(),
    };
}
