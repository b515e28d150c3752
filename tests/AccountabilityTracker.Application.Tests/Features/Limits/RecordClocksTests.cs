using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

/// <summary>The start-up recompute of stored clocks, as several instances starting on one database run it.</summary>
public sealed class RecordClocksTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Two_instances_starting_together_on_stale_clocks_compute_them_once()
    {
        await using var app = await TestApplication.StartAsync();
        var generator = new SyntheticCases(seed: 5);
        var index = 0;
        await app.WithDbAsync(async db =>
        {
            foreach (var entry in generator.Generate(200, 3))
            {
                db.Cases.Add(Interchange.CaseFileMapper.ToCase(entry, Case.FormatReference(2001, ++index), Now));
            }

            await db.SaveChangesAsync();
        });

        // An upgrade changed how clocks are computed: the stored basis is no longer the running code's.
        await app.WithDbAsync(db => db.ClockBases.ExecuteUpdateAsync(u => u.SetProperty(b => b.Value, "an older basis")));
        await using var second = app.SecondInstance();

        var results = await Task.WhenAll(
            Task.Run(() => app.SendAsync(new RecordClocks.Command())),
            Task.Run(() => second.SendAsync(new RecordClocks.Command())));

        Assert.Single(results, r => r.Recorded > 0);
        Assert.Single(results, r => r.Recorded == 0);
        Assert.All(results, r => Assert.Equal(results[0].Basis, r.Basis));
        Assert.Equal(results[0].Basis, await app.WithDbAsync(db => db.ClockBases.Select(b => b.Value).SingleAsync()));
    }
}
