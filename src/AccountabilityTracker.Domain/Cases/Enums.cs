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

    /// <summary>Scotland: an investigation by the Police Investigations and Review Commissioner.</summary>
    PircInvestigation = 10,

    /// <summary>Scotland: the Crown Office and Procurator Fiscal Service's decision on prosecution.</summary>
    CrownOfficeDecision = 11,

    /// <summary>Scotland: a fatal accident inquiry before a sheriff.</summary>
    FatalAccidentInquiry = 12,

    /// <summary>Northern Ireland: an investigation by the Police Ombudsman.</summary>
    PoliceOmbudsmanInvestigation = 13,

    /// <summary>Northern Ireland: the Public Prosecution Service's decision.</summary>
    PpsDecision = 14,

    /// <summary>Anything outside the list (a foreign system such as PIRC, a suspension, a review); carries a label.</summary>
    Other = 99,
}

public enum IncidentType
{
    /// <summary>The record does not say: never guessed from the title or other text.</summary>
    NotRecorded = 0,
    Shooting = 1,
    Restraint = 2,
    Pursuit = 3,
    TaserDischarge = 4,
    DeathInOrAfterCustody = 5,
    Other = 99,
}

public enum Harm
{
    /// <summary>The record does not say: never guessed from the title or other text.</summary>
    NotRecorded = 0,
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

/// <summary>The legal system a case belongs to: its forces, oversight bodies, limit rules and bank holidays.</summary>
public enum Jurisdiction
{
    EnglandAndWales = 1,
    Scotland = 2,
    NorthernIreland = 3,
}

/// <summary>Where a case stands as a whole: open until someone closes it, or waiting for a next step.</summary>
public enum CaseStatus
{
    Open = 0,

    /// <summary>Proceedings are pending (a hearing to be listed, a law change awaited); may carry an expected date.</summary>
    Awaiting = 1,

    /// <summary>Closed by an editor, with the reason and the date: the whole-case clock ends then.</summary>
    Closed = 2,
}
