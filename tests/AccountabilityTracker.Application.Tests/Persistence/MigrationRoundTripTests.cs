using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>
/// The initial migration on the real database (SQLite here, PostgreSQL when the suite runs there): taken all the way
/// down and up again, it leaves a schema the app can write and read, so its Down is as sound as its Up.
/// </summary>
public sealed class MigrationRoundTripTests
{
    [Fact]
    public async Task Migrating_down_to_nothing_and_up_again_gives_a_working_schema()
    {
        await using var app = await TestApplication.StartAsync();
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        });

        await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2015-0101", incident: PartialDate.OnDay(2015, 1, 1));
            subject.WithStage(StageKind.CpsDecision, PartialDate.OnDay(2015, 9, 5), PartialDate.OnDay(2015, 12, 6));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
        });

        var stored = await app.WithDbAsync(db => db.Stages.AsNoTracking().Select(s => new { s.DurationDays, s.MonthsBeforeEnd }).SingleAsync());
        Assert.Equal(92, stored.DurationDays);
        Assert.Equal(3, stored.MonthsBeforeEnd);
    }
}
