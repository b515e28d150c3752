using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>The descriptive fields of a case, set together on creation and on edit.</summary>
public sealed record CaseParticulars(
    string Title,
    string Subject,
    PartialDate IncidentDate,
    TimeOnly? IncidentTime,
    string Location,
    string Force,
    IncidentType IncidentType,
    Harm Harm,
    OperationCategory Category,
    string? Summary,
    Jurisdiction Jurisdiction = Jurisdiction.EnglandAndWales);
