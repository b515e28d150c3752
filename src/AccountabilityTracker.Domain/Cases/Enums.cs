namespace AccountabilityTracker.Domain.Cases;

/// <summary>The stages a case passes through (domain.md, "Stages"). IOPC covers the IPCC before 2018.</summary>
public enum StageKind
{
    IopcInvestigation = 1,
    CpsDecision = 2,
    CriminalTrial = 3,
    Inquest = 4,
    PublicInquiry = 5,
    MisconductProceedings = 6,
    JudicialReview = 7,
    Appeal = 8,

    /// <summary>Anything outside the list (a foreign system such as PIRC, a suspension, a review); carries a label.</summary>
    Other = 99,
}

public enum IncidentType
{
    Shooting = 1,
    Restraint = 2,
    Pursuit = 3,
    TaserDischarge = 4,
    DeathInOrAfterCustody = 5,
    Other = 99,
}

public enum Harm
{
    Fatal = 1,
    SeriousInjury = 2,
    Other = 3,
}

/// <summary>The kind of operation, since counter-terrorism and other operations are treated differently.</summary>
public enum OperationCategory
{
    NotKnown = 0,
    CounterTerrorism = 1,
    OtherCriminalOperation = 2,
    RoutinePolicing = 3,
}
