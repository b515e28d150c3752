using System.Globalization;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.DataGenerator;

/// <summary>
/// Deterministic synthetic cases in the interchange format: realistic stage sequences, about 10% month-precision,
/// 3% year-precision and 2% unknown dates, some running stages; <see cref="AddClockEvents"/> then gives stored cases
/// open and closed pauses and extensions. The same seed always gives the same data.
/// </summary>
public sealed class SyntheticCases(int seed)
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly Random _random = new(seed);

    /// <summary>Outcomes as a caseworker would record them: the text and the type they chose (the tracker never guesses one from the text).</summary>
    private static readonly (string Text, OutcomeType Type)[] Outcomes =
    [
        ("No case to answer", OutcomeType.NoCaseToAnswer), ("Case to answer", OutcomeType.CaseToAnswerMisconduct), ("No further action", OutcomeType.NoFurtherAction),
        ("Charged", OutcomeType.Charged), ("Acquitted", OutcomeType.Acquitted), ("Lawful killing", OutcomeType.LawfulKilling), ("Dismissed", OutcomeType.Dismissed),
    ];

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
            (string Text, OutcomeType Type)? outcome = running ? null : Pick(Outcomes);
            var precision = _random.Next(50) == 0 ? "unknown" : _random.Next(33) == 0 ? "year" : _random.Next(10) == 0 ? "month" : "day";
            entry.Stages.Add(new CaseFileStage
            {
                Kind = kind.ToString(),
                Label = kind.DisplayName() + " " + s.ToString(CultureInfo.InvariantCulture),
                StartDate = precision switch
                {
                    "unknown" => null,
                    "year" => start.ToString("yyyy", CultureInfo.InvariantCulture),
                    "month" => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    _ => Iso(start),
                },
                StartPrecision = precision,
                EndDate = running ? null : Iso(end > Today ? Today : end),
                EndPrecision = running ? null : "day",
                Outcome = outcome?.Text,
                OutcomeType = outcome?.Type.ToString(),
                Sources = { new CaseFileSource { Url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/source/{index}/{s}"), Quote = "Synthetic source" } },
            });
        }

        return entry;
    }

    /// <summary>
    /// Gives some stages of a case built from <see cref="Generate"/> what the interchange format does not carry:
    /// closed pauses (about 12%), an open pause (about 4% of running stages) and an extension (about 8%), through the
    /// domain's own rules, so every pause and extension is one a caseworker could record.
    /// </summary>
    public void AddClockEvents(Case target, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var stage in target.Stages)
        {
            if (stage.Start.Earliest is not { } started)
            {
                continue;
            }

            var last = stage.End?.Latest ?? Today;
            TryRecord(() =>
            {
                if (_random.Next(8) == 0)
                {
                    var from = started.AddDays(_random.Next(1, 120));
                    var until = from.AddDays(_random.Next(7, 200));
                    if (until <= last)
                    {
                        stage.Pause(from, until, "Synthetic pause: criminal proceedings", nowUtc);
                    }
                }
            });
            TryRecord(() =>
            {
                if (stage.IsRunning && _random.Next(25) == 0)
                {
                    stage.Pause(last.AddDays(-_random.Next(1, 60)), null, "Synthetic open pause", nowUtc);
                }
            });
            TryRecord(() =>
            {
                if (_random.Next(12) == 0)
                {
                    stage.Extend(started.AddDays(_random.Next(30, 300)), _random.Next(6, 25), Domain.Clocks.LimitUnit.Months, "Synthetic extension", nowUtc);
                }
            });
        }
    }

    /// <summary>A random pause that would break a domain rule (overlap, before the start) is simply not recorded.</summary>
    private static void TryRecord(Action record)
    {
        try
        {
            record();
        }
        catch (DomainRuleException)
        {
        }
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
