using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Tests.Features.Analysis.Oracle;

/// <summary>A date as the record gives it, in the test's own terms: the first day of its period and a precision word.</summary>
public sealed record ODate(DateOnly? First, string Precision)
{
    public static ODate Unknown { get; } = new(null, "unknown");

    public static ODate Day(DateOnly day) => new(day, "day");

    public static ODate Month(DateOnly day) => new(new DateOnly(day.Year, day.Month, 1), "month");

    public static ODate Year(DateOnly day) => new(new DateOnly(day.Year, 1, 1), "year");
}

/// <summary>How something ended, in the test's own terms: still running, ended undated, or ended on a date.</summary>
public sealed record OEnd(bool Ended, ODate Date)
{
    public static OEnd Running { get; } = new(false, ODate.Unknown);

    public static OEnd Undated { get; } = new(true, ODate.Unknown);

    public static OEnd On(ODate date) => new(true, date);
}

public sealed record OStage(StageKind Kind, ODate Start, OEnd End, OutcomeType Type)
{
    public int Id { get; set; }
}

public sealed record OEvent(OfficerEventKind Kind, ODate Date, OEnd End, bool Removed);

public sealed record OOfficer(string Cipher, List<OEvent> Events)
{
    public int Id { get; set; }
}

public sealed record OCase(int Index, Jurisdiction Jurisdiction, string Force, OperationCategory Category, ODate Incident, DateOnly? ClosedOn, List<OStage> Stages, List<OOfficer> Officers)
{
    public int Id { get; set; }

    public string Reference => $"ATC-1999-{Index + 1:0000}";
}

/// <summary>
/// A generated dataset with every shape the figures must get right (issue 23, acceptance 1): incidents, stage starts and
/// ends, officer events and periods at day, month and year precision and unknown; stages and periods ended on an unknown
/// date; running stages with unknown starts; undated Charged, Convicted and case-to-answer outcomes; removed events;
/// Scottish and Northern Irish cases with England &amp; Wales kinds (never measured by its rules); closed cases. Its shape
/// is the test's own (plain records); <see cref="ToCase"/> records it through the domain as a caseworker's forms would.
/// </summary>
public static class OracleDataset
{
    public static readonly DateOnly LastRecordedDay = new(2026, 11, 20);

    private static readonly StageKind[] EnglishKinds =
    [
        StageKind.IopcInvestigation, StageKind.IopcInvestigation, StageKind.CpsDecision, StageKind.CpsDecision, StageKind.Inquest, StageKind.CriminalTrial,
        StageKind.MisconductProceedings, StageKind.MisconductProceedings, StageKind.JudicialReview, StageKind.Appeal, StageKind.PublicInquiry, StageKind.Other,
    ];

    private static readonly StageKind[] ScottishKinds = [StageKind.PircInvestigation, StageKind.CrownOfficeDecision, StageKind.FatalAccidentInquiry, StageKind.IopcInvestigation, StageKind.CpsDecision];

    private static readonly StageKind[] NorthernIrishKinds = [StageKind.PoliceOmbudsmanInvestigation, StageKind.PpsDecision, StageKind.Inquest, StageKind.IopcInvestigation];

    private static readonly OutcomeType[] Outcomes =
    [
        OutcomeType.None, OutcomeType.None, OutcomeType.Unclassified, OutcomeType.Charged, OutcomeType.Charged, OutcomeType.Convicted, OutcomeType.Acquitted,
        OutcomeType.CaseToAnswerGrossMisconduct, OutcomeType.CaseToAnswerMisconduct, OutcomeType.NoCaseToAnswer, OutcomeType.Dismissed, OutcomeType.Dismissed,
        OutcomeType.NoFurtherAction, OutcomeType.ReferredToCps, OutcomeType.Other,
    ];

    private static readonly OfficerEventKind[] EventKinds =
    [
        OfficerEventKind.Arrested, OfficerEventKind.InterviewedUnderCaution, OfficerEventKind.Charged, OfficerEventKind.Suspended, OfficerEventKind.Suspended,
        OfficerEventKind.RestrictedDuties, OfficerEventKind.MisconductNoticeServed,
    ];

    public static List<OCase> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var cases = new List<OCase>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var jurisdiction = roll < 84 ? Jurisdiction.EnglandAndWales : roll < 92 ? Jurisdiction.Scotland : Jurisdiction.NorthernIreland;
            var force = jurisdiction switch
            {
                Jurisdiction.Scotland => Forces.PoliceScotland,
                Jurisdiction.NorthernIreland => Forces.PoliceServiceOfNorthernIreland,
                _ => random.Next(2) == 0 ? Forces.MetropolitanPolice : "Kent Police",
            };
            var incidentDay = new DateOnly(2010, 1, 1).AddDays(random.Next(0, 5300));
            var incident = random.Next(100) switch
            {
                < 80 => ODate.Day(incidentDay),
                < 92 => ODate.Month(incidentDay),
                _ => ODate.Year(incidentDay),
            };
            var kinds = jurisdiction switch
            {
                Jurisdiction.Scotland => ScottishKinds,
                Jurisdiction.NorthernIreland => NorthernIrishKinds,
                _ => EnglishKinds,
            };
            var stages = new List<OStage>();
            var lastDay = incidentDay;
            for (var s = random.Next(0, 7); s > 0; s--)
            {
                var startDay = Min(incidentDay.AddDays(random.Next(0, 1600)), LastRecordedDay);
                var start = Precise(random, startDay, unknownShare: 8);
                var end = random.Next(100) switch
                {
                    < 30 => OEnd.Running,
                    < 38 => OEnd.Undated,
                    _ => OEnd.On(Precise(random, Min(startDay.AddDays(random.Next(0, 1300)), LastRecordedDay), unknownShare: 0)),
                };
                if (end.Date.First is { } ended && ended > lastDay)
                {
                    lastDay = ended;
                }

                var type = end.Ended ? Outcomes[random.Next(Outcomes.Length)] : OutcomeType.None;
                stages.Add(new OStage(kinds[random.Next(kinds.Length)], start, end, type));
            }

            var officers = new List<OOfficer>();
            for (var o = random.Next(0, 4); o > 0; o--)
            {
                var events = new List<OEvent>();
                for (var e = random.Next(0, 6); e > 0; e--)
                {
                    var kind = EventKinds[random.Next(EventKinds.Length)];
                    var day = Min(incidentDay.AddDays(random.Next(0, 1400)), LastRecordedDay);
                    var date = Precise(random, day, unknownShare: 6);
                    var end = !kind.IsPeriod() ? OEnd.Running : random.Next(100) switch
                    {
                        < 30 => OEnd.Running,
                        < 45 => OEnd.Undated,
                        < 55 => OEnd.On(ODate.Month(Min(day.AddDays(random.Next(1, 900)), LastRecordedDay))),
                        _ => OEnd.On(ODate.Day(Min(day.AddDays(random.Next(1, 900)), LastRecordedDay))),
                    };
                    events.Add(new OEvent(kind, date, end, Removed: random.Next(100) < 8));
                }

                officers.Add(new OOfficer($"Z{i}-{o}", events));
            }

            DateOnly? closed = random.Next(100) < 15 ? Min(lastDay.AddDays(random.Next(0, 400)), LastRecordedDay) : null;
            cases.Add(new OCase(i, jurisdiction, force, (OperationCategory)random.Next(4), incident, closed, stages, officers));
        }

        return cases;
    }

    /// <summary>The case as the domain records it (through the entities' own methods, as the forms do).</summary>
    public static Case ToCase(OCase c, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(c);
        var particulars = new CaseParticulars(
            "Generated case " + c.Index, "Person " + c.Index, ToPartial(c.Incident), null, "Somewhere", c.Force, IncidentType.Shooting, Harm.Fatal, c.Category, null, c.Jurisdiction);
        var created = Case.Open(c.Reference, particulars, nowUtc);
        foreach (var s in c.Stages)
        {
            created.AddStage(s.Kind, s.Kind.DisplayName(), ToPartial(s.Start), ToEnd(s.End), s.Type == OutcomeType.None ? null : "Recorded outcome", nowUtc, outcomeType: s.Type is OutcomeType.None or OutcomeType.Unclassified ? OutcomeType.None : s.Type);
        }

        foreach (var o in c.Officers)
        {
            var officer = created.AddOfficer(o.Cipher, null, false, null, nowUtc);
            foreach (var e in o.Events)
            {
                var added = created.AddOfficerEvent(officer, e.Kind, ToPartial(e.Date), e.Kind.IsPeriod() ? ToEnd(e.End) : null, null, nowUtc);
                if (e.Removed)
                {
                    added.Remove(nowUtc);
                }
            }
        }

        if (c.ClosedOn is { } closedOn)
        {
            created.Close(closedOn, "Generated: concluded", nowUtc);
        }

        return created;
    }

    private static PartialDate ToPartial(ODate date) => date.Precision switch
    {
        "day" => PartialDate.OnDay(date.First!.Value),
        "month" => PartialDate.InMonth(date.First!.Value.Year, date.First.Value.Month),
        "year" => PartialDate.InYear(date.First!.Value.Year),
        _ => PartialDate.Unknown,
    };

    private static PartialDate? ToEnd(OEnd end) => !end.Ended ? null : ToPartial(end.Date);

    private static ODate Precise(Random random, DateOnly day, int unknownShare) => random.Next(100) switch
    {
        var r when r < unknownShare => ODate.Unknown,
        var r when r < unknownShare + 10 => ODate.Year(day),
        var r when r < unknownShare + 22 => ODate.Month(day),
        _ => ODate.Day(day),
    };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
