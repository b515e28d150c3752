using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Tests.Features.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

/// <summary>
/// Over a generated dataset of 2,000 cases with four stages each (imprecise and unknown dates, open and closed pauses, extensions), every
/// stored clock reads exactly as a fresh <see cref="ClockEvaluator"/> reading, and the database's counts and filters
/// agree with the evaluator, on three different days and after every kind of change to a clock's inputs.
/// </summary>
public sealed class StoredClockConsistencyTests : IAsyncLifetime
{
    private const int CaseCount = 2_000;
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        var generator = new SyntheticCases(seed: 11);
        var index = 0;
        foreach (var batch in generator.Generate(CaseCount, 4).Chunk(250))
        {
            await _app.WithDbAsync(async db =>
            {
                foreach (var entry in batch)
                {
                    var created = Interchange.CaseFileMapper.ToCase(entry, Case.FormatReference(2000, ++index), Now);
                    generator.AddClockEvents(created, Now);
                    db.Cases.Add(created);
                }

                await db.SaveChangesAsync();
            });
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Stored_clocks_equal_fresh_readings_on_three_days_and_after_every_kind_of_change()
    {
        var profile = await _app.WithDbAsync(async db => new
        {
            Pauses = await db.StagePauses.CountAsync(),
            OpenPauses = await db.StagePauses.CountAsync(p => p.To == null),
            Extensions = await db.StageExtensions.CountAsync(),
            Month = await db.Stages.CountAsync(s => s.StartPrecision == DatePrecision.Month),
            Year = await db.Stages.CountAsync(s => s.StartPrecision == DatePrecision.Year),
            Unknown = await db.Stages.CountAsync(s => s.StartPrecision == DatePrecision.Unknown),
        });
        Assert.True(profile.Pauses > 100 && profile.OpenPauses > 10 && profile.Extensions > 100, $"dataset lacks clock events: {profile}");
        Assert.True(profile.Month > 100 && profile.Year > 20 && profile.Unknown > 20, $"dataset lacks imprecise dates: {profile}");

        await AssertConsistentAsync("on the first day");
        _app.Time.Advance(TimeSpan.FromDays(45));
        await AssertConsistentAsync("45 days later");
        _app.Time.Advance(TimeSpan.FromDays(400));
        await AssertConsistentAsync("445 days later");

        var cps = await _app.SendAsync(new GetLimitRule.Query(nameof(StageKind.CpsDecision)));
        Assert.NotNull(cps);
        await _app.SendAsync(new UpdateLimitRule.Command
        {
            Key = nameof(StageKind.CpsDecision), Version = cps.Version, IsEnabled = true, Amount = 45, Unit = LimitUnit.WorkingDays,
            Anchor = ClockAnchor.StageStart, WarningPercent = 70, LegalSource = "test",
        });
        await AssertConsistentAsync("after a rule change");

        var (stageId, caseId) = await _app.WithDbAsync(async db =>
        {
            var stage = await db.Stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions)
                .Where(s => !s.HasEnded && s.Kind == StageKind.CpsDecision && s.StartPrecision == DatePrecision.Day && !s.Pauses.Any())
                .OrderBy(s => s.Id).FirstAsync();
            stage.Edit(stage.Kind, stage.Label, PartialDate.OnDay(stage.StartOn!.Value.AddDays(3)), null, null, null, Now);
            await db.SaveChangesAsync();
            return (stage.Id, stage.CaseId);
        });
        await AssertConsistentAsync("after a stage edit");

        var today = _app.Service<ClockEvaluator>().Today();
        await _app.WithDbAsync(async db =>
        {
            var stage = await db.Stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).SingleAsync(s => s.Id == stageId);
            stage.Pause(today.AddDays(-20), null, "criminal proceedings", Now);
            await db.SaveChangesAsync();
        });
        await AssertConsistentAsync("after a pause");
        _app.Time.Advance(TimeSpan.FromDays(3));
        await AssertConsistentAsync("three days into an open pause");

        await _app.WithDbAsync(async db =>
        {
            var stage = await db.Stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).SingleAsync(s => s.Id == stageId);
            stage.Extend(today, 90, LimitUnit.WorkingDays, "complex file", Now);
            await db.SaveChangesAsync();
        });
        await AssertConsistentAsync("after an extension");

        Assert.True(await _app.SendAsync(new ArchiveCase.Command(caseId)));
        await AssertConsistentAsync("after an archive");

        await ImportDriver.ImportAsync(_app, "reference-cases.json", ImportDriver.ReferenceCasesJson());
        await AssertConsistentAsync("after an import");

        var holidays = TestApplication.ShippedClockOptions();
        // Every 9th weekday from 2005 on: every working-day clock of the dataset has one in its span.
        var weekdays = Enumerable.Range(0, 8500).Select(d => new DateOnly(2005, 1, 3).AddDays(d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Where((_, i) => i % 9 == 0);
        holidays.BankHolidays.Add.AddRange(weekdays.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var before = await DueDatesAsync();
        _app = await _app.RestartWithAsync(holidays);
        Assert.NotEqual(before, await DueDatesAsync());
        await AssertConsistentAsync("after a bank-holiday change");
    }

    private Task<string> DueDatesAsync() =>
        _app.WithDbAsync(async db => string.Join(',', await db.Stages.OrderBy(s => s.Id).Select(s => s.Clock.DueLatest).ToListAsync()));

    /// <summary>Every stored clock against a fresh reading, and the database's counts and filters against the readings.</summary>
    private async Task AssertConsistentAsync(string when)
    {
        // What a page does first: compute again the records that went stale since they were stored.
        var navigation = await _app.SendAsync(new CountOverdue.Query());

        await _app.WithDbAsync(async db =>
        {
            var evaluator = _app.Service<ClockEvaluator>();
            var rules = await new LimitRuleBook(db, _app.Service<AccountabilityTracker.Application.Common.ReadCache>()).GetAsync(CancellationToken.None);
            var today = evaluator.Today();
            var stages = await db.Stages.AsNoTracking().Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).AsSplitQuery().ToListAsync();
            var flagged = 0;
            var overdue = 0;
            var statusByCase = new Dictionary<int, HashSet<ClockStatus>>();
            foreach (var stage in stages)
            {
                var rule = rules.For(stage.Kind, stage.Case.Jurisdiction);
                var expected = evaluator.Evaluate(rule, ClockSubjects.ForStage(rule, stage, stage.Case.IncidentDate), today);
                var stored = stage.Clock.ReadOn(today, rule);
                AssertSame(expected, stored, $"{when}: stage {stage.Id} ({stage.Kind}, {stage.Start} – {stage.End})");
                Count(stage.Case, expected, ref flagged, ref overdue, statusByCase);
            }

            var cases = await db.Cases.AsNoTracking().Include(c => c.Stages).ToListAsync();
            foreach (var owner in cases)
            {
                var expected = evaluator.Evaluate(rules.WholeCaseFor(owner.Jurisdiction), ClockSubjects.ForCase(owner.IncidentDate, owner.ClosedOn), today);
                AssertSame(expected, owner.Clock.ReadOn(today, rules.WholeCase), $"{when}: whole case {owner.Reference}");
                Count(owner, expected, ref flagged, ref overdue, statusByCase);
            }

            Assert.True(flagged > 0, $"{when}: nothing flagged: the dataset tests nothing");
            Assert.Equal(new CountOverdue.Result(overdue, flagged - overdue), navigation);
            foreach (var status in new[] { ClockStatus.Overdue, ClockStatus.Approaching, ClockStatus.WithinLimit, ClockStatus.ConcludedLate, ClockStatus.ConcludedInTime })
            {
                var listed = await _app.SendAsync(new ListCases.Query { ClockStatus = status, PageSize = 1 });
                Assert.True(statusByCase.Count(c => c.Value.Contains(status)) == listed.TotalCount, $"{when}: cases with a clock {status}");
            }
        });
    }

    private static void Count(Case owner, ClockReading reading, ref int flagged, ref int overdue, Dictionary<int, HashSet<ClockStatus>> statusByCase)
    {
        if (owner.IsArchived)
        {
            return;
        }

        if (reading.Status is ClockStatus.Overdue or ClockStatus.Approaching || reading.PossibleStatus is ClockStatus.Overdue or ClockStatus.Approaching)
        {
            flagged++;
            overdue += reading.Status == ClockStatus.Overdue ? 1 : 0;
        }

        if (!statusByCase.TryGetValue(owner.Id, out var statuses))
        {
            statusByCase[owner.Id] = statuses = [];
        }

        statuses.Add(reading.Status);
    }

    private static void AssertSame(ClockReading expected, ClockReading stored, string what)
    {
        Assert.True(expected.Status == stored.Status && expected.PossibleStatus == stored.PossibleStatus, $"{what}: stored {stored.Status}/{stored.PossibleStatus}, evaluator {expected.Status}/{expected.PossibleStatus}");
        Assert.True(expected.Describe() == stored.Describe(), $"{what}: stored '{stored.Describe()}', evaluator '{expected.Describe()}'");
        Assert.True(expected.DueEarliest == stored.DueEarliest && expected.DueLatest == stored.DueLatest, $"{what}: due dates differ");
        Assert.True(expected.NextReportDue == stored.NextReportDue && expected.PausedDays == stored.PausedDays, $"{what}: report date or paused days differ");
    }
}
