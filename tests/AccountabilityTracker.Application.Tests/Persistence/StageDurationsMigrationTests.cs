using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>
/// The StageDurations migration fills the new duration columns of stages that existed before it with the SQL version
/// of the rule the entity applies (on SQLite and PostgreSQL here; the SQL Server script is parsed offline): taken down
/// and up again over stages the entity wrote, it must give back the very values the entity stored.
/// </summary>
public sealed class StageDurationsMigrationTests
{
    [Fact]
    public async Task Migrating_up_gives_existing_stages_the_durations_the_entity_stores()
    {
        await using var app = await TestApplication.StartAsync();
        await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2015-0101", incident: PartialDate.OnDay(2015, 1, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2015, 1, 31), PartialDate.OnDay(2015, 2, 28));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2016, 1, 31), PartialDate.OnDay(2016, 3, 1));
            subject.WithStage(StageKind.CpsDecision, PartialDate.OnDay(2015, 9, 5), PartialDate.OnDay(2015, 12, 5));
            subject.WithStage(StageKind.CpsDecision, PartialDate.OnDay(2015, 9, 5), PartialDate.OnDay(2015, 12, 6));
            subject.WithStage(StageKind.CriminalTrial, PartialDate.OnDay(2017, 12, 31), PartialDate.OnDay(2023, 1, 1));
            subject.WithStage(StageKind.Inquest, PartialDate.OnDay(2018, 5, 5), PartialDate.OnDay(2018, 5, 5));
            subject.WithStage(StageKind.MisconductProceedings, PartialDate.OnDay(2019, 3, 1), PartialDate.InMonth(2019, 9));
            subject.WithStage(StageKind.Appeal, PartialDate.InYear(2020), PartialDate.OnDay(2021, 2, 2));
            subject.WithStage(StageKind.JudicialReview, PartialDate.OnDay(2022, 2, 2));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
        });
        var stored = await ReadAsync(app);
        Assert.Equal(6, stored.Count(s => s.Months is not null));

        await app.WithDbAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_StageDurations", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await db.Database.MigrateAsync();
        });

        Assert.Equal(stored, await ReadAsync(app));
    }

    private static Task<List<(int Id, int? Days, int? Months)>> ReadAsync(TestApplication app) =>
        app.WithDbAsync(async db => (await db.Stages.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.DurationDays, s.MonthsBeforeEnd }).ToListAsync())
            .Select(s => (s.Id, s.DurationDays, s.MonthsBeforeEnd)).ToList());
}
