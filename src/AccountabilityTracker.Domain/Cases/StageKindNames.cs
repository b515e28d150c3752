namespace AccountabilityTracker.Domain.Cases;

public static class StageKindNames
{
    /// <summary>The name a reader sees for a stage kind.</summary>
    public static string DisplayName(this StageKind kind) => kind switch
    {
        StageKind.IopcInvestigation => "IOPC investigation",
        StageKind.CpsDecision => "CPS charging decision",
        StageKind.CriminalTrial => "Criminal trial",
        StageKind.Inquest => "Inquest",
        StageKind.PublicInquiry => "Public inquiry",
        StageKind.MisconductProceedings => "Misconduct proceedings",
        StageKind.JudicialReview => "Judicial review",
        StageKind.Appeal => "Appeal",
        StageKind.PircInvestigation => "PIRC investigation",
        StageKind.CrownOfficeDecision => "Crown Office decision",
        StageKind.FatalAccidentInquiry => "Fatal accident inquiry",
        StageKind.PoliceOmbudsmanInvestigation => "Police Ombudsman investigation",
        StageKind.PpsDecision => "PPS decision",
        _ => "Other",
    };

    /// <summary>
    /// The jurisdiction whose limit rule a stage kind's rule is: a kind's rule measures stages of cases in that
    /// jurisdiction only, so England &amp; Wales rules never reach a Scottish or Northern Irish case.
    /// </summary>
    public static Jurisdiction RuleJurisdiction(this StageKind kind) => kind switch
    {
        StageKind.PircInvestigation or StageKind.CrownOfficeDecision or StageKind.FatalAccidentInquiry => Jurisdiction.Scotland,
        StageKind.PoliceOmbudsmanInvestigation or StageKind.PpsDecision => Jurisdiction.NorthernIreland,
        _ => Jurisdiction.EnglandAndWales,
    };

    /// <summary>The stage kinds offered for a case in <paramref name="jurisdiction"/>: its own bodies' kinds, then those shared.</summary>
    public static IReadOnlyList<StageKind> KindsFor(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Scotland => [StageKind.PircInvestigation, StageKind.CrownOfficeDecision, StageKind.CriminalTrial, StageKind.FatalAccidentInquiry, StageKind.PublicInquiry, StageKind.MisconductProceedings, StageKind.JudicialReview, StageKind.Appeal, StageKind.Other],
        Jurisdiction.NorthernIreland => [StageKind.PoliceOmbudsmanInvestigation, StageKind.PpsDecision, StageKind.CriminalTrial, StageKind.Inquest, StageKind.PublicInquiry, StageKind.MisconductProceedings, StageKind.JudicialReview, StageKind.Appeal, StageKind.Other],
        _ => [StageKind.IopcInvestigation, StageKind.CpsDecision, StageKind.CriminalTrial, StageKind.Inquest, StageKind.PublicInquiry, StageKind.MisconductProceedings, StageKind.JudicialReview, StageKind.Appeal, StageKind.Other],
    };

    public static string DisplayName(this OperationCategory category) => category switch
    {
        OperationCategory.CounterTerrorism => "Counter-terrorism",
        OperationCategory.OtherCriminalOperation => "Other criminal operation",
        OperationCategory.RoutinePolicing => "Routine policing",
        _ => "Not recorded",
    };

    public static string DisplayName(this IncidentType type) => type switch
    {
        IncidentType.Shooting => "Shooting",
        IncidentType.Restraint => "Restraint",
        IncidentType.Pursuit => "Pursuit",
        IncidentType.TaserDischarge => "Taser discharge",
        IncidentType.DeathInOrAfterCustody => "Death in or after custody",
        IncidentType.NotRecorded => "Not recorded",
        _ => "Other",
    };

    public static string DisplayName(this Harm harm) => harm switch
    {
        Harm.Fatal => "Fatal",
        Harm.SeriousInjury => "Serious injury",
        Harm.NotRecorded => "Not recorded",
        _ => "Other",
    };

    public static string DisplayName(this Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Scotland => "Scotland",
        Jurisdiction.NorthernIreland => "Northern Ireland",
        _ => "England & Wales",
    };
}
