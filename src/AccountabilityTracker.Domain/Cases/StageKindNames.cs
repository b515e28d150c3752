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
        _ => "Other",
    };

    public static string DisplayName(this OperationCategory category) => category switch
    {
        OperationCategory.CounterTerrorism => "Counter-terrorism",
        OperationCategory.OtherCriminalOperation => "Other criminal operation",
        OperationCategory.RoutinePolicing => "Routine policing",
        _ => "Not known",
    };

    public static string DisplayName(this IncidentType type) => type switch
    {
        IncidentType.Shooting => "Shooting",
        IncidentType.Restraint => "Restraint",
        IncidentType.Pursuit => "Pursuit",
        IncidentType.TaserDischarge => "Taser discharge",
        IncidentType.DeathInOrAfterCustody => "Death in or after custody",
        _ => "Other",
    };

    public static string DisplayName(this Harm harm) => harm switch
    {
        Harm.Fatal => "Fatal",
        Harm.SeriousInjury => "Serious injury",
        _ => "Other",
    };
}
