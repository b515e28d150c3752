using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Cases;

/// <summary>Case references come from one sequence per incident year (docs/architecture.md, "Case references").</summary>
public sealed class CaseReferenceTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Each_incident_year_keeps_its_own_sequence_continuing_past_references_stored_without_it()
    {
        // A reference stored without the sequence (an older import, generated data) leaves a gap the sequence respects.
        await _app.WithDbAsync(async db =>
        {
            db.Cases.Add(CaseBuilder.Build("ATC-2019-0041", incident: PartialDate.OnDay(2019, 1, 1)));
            await db.SaveChangesAsync();
        });

        var first2019 = await _app.SendAsync(CaseLoggingTests.NewCase("2019 a", "2019-02-01"));
        var first2022 = await _app.SendAsync(CaseLoggingTests.NewCase("2022 a", "2022-02-01"));
        var second2019 = await _app.SendAsync(CaseLoggingTests.NewCase("2019 b", "2019-03"));

        Assert.Equal(("ATC-2019-0042", "ATC-2022-0001", "ATC-2019-0043"), (first2019.Reference, first2022.Reference, second2019.Reference));
        var sequences = await _app.WithDbAsync(db => db.CaseReferenceSequences.AsNoTracking().OrderBy(s => s.Year).Select(s => new { s.Year, s.Last }).ToListAsync());
        Assert.Equal([new { Year = 2019, Last = 43 }, new { Year = 2022, Last = 1 }], sequences);
    }
}
