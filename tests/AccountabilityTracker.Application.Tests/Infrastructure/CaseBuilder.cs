using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Infrastructure;

/// <summary>Builds cases for tests with only the fields a test cares about.</summary>
public static class CaseBuilder
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public static Case Build(
        string reference,
        string title = "A case",
        PartialDate? incident = null,
        string force = Forces.MetropolitanPolice,
        string subject = "not published",
        string location = "London")
    {
        var particulars = new CaseParticulars(
            title, subject, incident ?? PartialDate.OnDay(2020, 1, 1), null, location, force,
            IncidentType.Shooting, Harm.Fatal, OperationCategory.OtherCriminalOperation, null);
        return Case.Open(reference, particulars, Now);
    }

    public static Stage WithStage(this Case target, StageKind kind, PartialDate start, PartialDate? end = null, string label = "A stage")
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.AddStage(kind, label, start, end, null, Now);
    }
}
