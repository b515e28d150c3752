using System.Globalization;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.DataGenerator;

/// <summary>
/// Deterministic synthetic cases in the interchange format: realistic stage sequences, about 10% month-precision
/// and 2% unknown dates, some running stages. The same seed always gives the same data.
/// </summary>
public sealed class SyntheticCases(int seed)
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly Random _random = new(seed);

    public IEnumerable<CaseFileEntry> Generate(int caseCount, int stagesPerCase)
    {
        for (var i = 0; i < caseCount; i++)
        {
            yield return NextCase(i, stagesPerCase);
        }
    }

    private CaseFileEntry NextCase(int index, int stagesPerCase)
    {
        var incident = new DateOnly(2005, 1, 1).AddDays(_random.Next(0, 7300));
        var force = Forces.All[_random.Next(Forces.All.Count)];
        var entry = new CaseFileEntry
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"synthetic-{seed}-{index:D6}"),
            Title = string.Create(CultureInfo.InvariantCulture, $"Synthetic case {index} ({force})"),
            Subject = _random.Next(4) == 0 ? "not published" : string.Create(CultureInfo.InvariantCulture, $"Person {index} ({_random.Next(16, 70)})"),
            IncidentDate = Iso(incident),
            IncidentDatePrecision = "day",
            Location = "Synthetic location " + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
            Force = force,
            IncidentType = Pick(Enum.GetValues<IncidentType>()).ToString(),
            Harm = Pick(Enum.GetValues<Harm>()).ToString(),
            Category = Pick([OperationCategory.CounterTerrorism, OperationCategory.OtherCriminalOperation, OperationCategory.RoutinePolicing]).ToString(),
        };
        entry.OfficerDesignations.Add(string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + _random.Next(26))}{_random.Next(1, 999)}"));

        var kinds = new[] { StageKind.IopcInvestigation, StageKind.CpsDecision, StageKind.Inquest, StageKind.MisconductProceedings, StageKind.CriminalTrial, StageKind.JudicialReview, StageKind.Appeal, StageKind.PublicInquiry };
        var start = incident;
        for (var s = 0; s < stagesPerCase; s++)
        {
            var kind = s < kinds.Length ? kinds[s] : Pick(kinds);
            start = start.AddDays(_random.Next(0, 120));
            var length = kind switch
            {
                StageKind.IopcInvestigation => _random.Next(60, 900),
                StageKind.Inquest => _random.Next(180, 2500),
                StageKind.CpsDecision => _random.Next(0, 500),
                _ => _random.Next(5, 1200),
            };
            var end = start.AddDays(length);
            var running = end > Today || _random.Next(10) == 0;
            var precision = _random.Next(50) == 0 ? "unknown" : _random.Next(10) == 0 ? "month" : "day";
            entry.Stages.Add(new CaseFileStage
            {
                Kind = kind.ToString(),
                Label = kind.DisplayName() + " " + s.ToString(CultureInfo.InvariantCulture),
                StartDate = precision == "unknown" ? null : precision == "month" ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Iso(start),
                StartPrecision = precision,
                EndDate = running ? null : Iso(end > Today ? Today : end),
                EndPrecision = running ? null : "day",
                Outcome = running ? null : Pick(["No case to answer", "Case to answer", "No further action", "Charged", "Acquitted", "Lawful killing", "Dismissed"]),
                Sources = { new CaseFileSource { Url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/source/{index}/{s}"), Quote = "Synthetic source" } },
            });
        }

        return entry;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
