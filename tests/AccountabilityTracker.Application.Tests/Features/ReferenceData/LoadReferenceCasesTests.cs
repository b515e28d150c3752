using System.Text.Json;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.ReferenceData;

public sealed class LoadReferenceCasesTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Loads_both_cases_with_every_stage_and_source_once()
    {
        var first = await _app.SendAsync(new LoadReferenceCases.Command());
        var second = await _app.SendAsync(new LoadReferenceCases.Command());

        Assert.Equal(new LoadReferenceCases.Result(2, 0), first);
        Assert.Equal(new LoadReferenceCases.Result(0, 2), second);

        var expected = ReadSharedReferenceFile();
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Cases.CountAsync());
            foreach (var entry in expected.RootElement.EnumerateArray())
            {
                var externalId = entry.GetProperty("id").GetString();
                var stored = await db.Cases.Include(c => c.Stages).Include(c => c.Sources).SingleAsync(c => c.ExternalId == externalId);
                var stages = entry.GetProperty("stages").EnumerateArray().ToList();
                Assert.Equal(stages.Count, stored.Stages.Count);
                var stageSourceCount = stages.Sum(s => s.GetProperty("sources").GetArrayLength());
                Assert.Equal(stageSourceCount, stored.Sources.Count(s => s.StageId != null));
                Assert.Equal(entry.GetProperty("sources").GetArrayLength(), stored.Sources.Count(s => s.StageId == null && s.MilestoneId == null));

                foreach (var stage in stages)
                {
                    var label = stage.GetProperty("label").GetString();
                    var match = stored.Stages.Single(s => s.Label == label);
                    Assert.Equal(stage.GetProperty("start_date").GetString(), match.Start.ToIsoString());
                    Assert.Equal(stage.GetProperty("start_precision").GetString(), match.Start.Precision.ToString(), ignoreCase: true);
                    Assert.Equal(stage.GetProperty("end_date").GetString() ?? string.Empty, match.End?.ToIsoString() ?? string.Empty);
                    Assert.Equal(stage.GetProperty("outcome").GetString(), match.Outcome);
                }
            }
        });
    }

    [Fact]
    public async Task Kaba_case_holds_NX121_with_the_name_made_public_on_8_March_2024()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());

        var officer = await _app.WithDbAsync(db => db.Officers.SingleAsync(o => o.Cipher == "NX121"));

        Assert.Equal("Sgt Martyn Blake", officer.RealName);
        Assert.Equal(new DateOnly(2024, 3, 8), officer.PubliclyNamedOn);
        Assert.False(officer.UnderAnonymityOrder);
    }

    [Fact]
    public async Task W80_is_held_as_a_cipher_without_a_name()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());

        var officer = await _app.WithDbAsync(db => db.Officers.SingleAsync(o => o.Cipher == "W80"));

        Assert.Null(officer.RealName);
        Assert.True(officer.UnderAnonymityOrder);
    }

    [Fact]
    public async Task W80_misconduct_case_was_dismissed_nine_years_ten_months_after_the_shooting()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());
        var baker = await _app.WithDbAsync(db => db.Cases.Include(c => c.Stages).SingleAsync(c => c.ExternalId == "jermaine-baker-2015"));

        var hearing = baker.Stages.Single(s => s.Kind == StageKind.MisconductProceedings && s.End == PartialDate.OnDay(2025, 10, 15));
        var shooting = baker.IncidentDate.Earliest!.Value;
        var dismissed = hearing.End!.Value.Earliest!.Value;

        Assert.Equal(new DateOnly(2015, 12, 11), shooting);
        Assert.Equal(new DateOnly(2025, 10, 11), shooting.AddYears(9).AddMonths(10));
        Assert.True(dismissed > shooting.AddYears(9).AddMonths(10) && dismissed < shooting.AddYears(9).AddMonths(11));
    }

    [Fact]
    public async Task Month_precision_stage_dates_stay_months()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());
        var review = await _app.WithDbAsync(db => db.Stages.SingleAsync(s => s.Label.StartsWith("W80 judicial review")));

        Assert.Equal(DatePrecision.Month, review.Start.Precision);
        Assert.Equal("May 2018", review.Start.ToString());
        Assert.False(review.Duration(new DateOnly(2026, 11, 23))!.Value.IsExact);
    }

    [Fact]
    public async Task Case_details_list_the_timeline_in_date_order_with_sources()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());
        var kabaId = await _app.WithDbAsync(db => db.Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync());

        var details = await _app.SendAsync(new GetCaseDetails.Query(kabaId));

        Assert.NotNull(details);
        var starts = details.Timeline.Select(e => e.Start).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        var stages = details.Timeline.Where(e => e.Type == GetCaseDetails.EntryType.Stage).ToList();
        var expectedStages = ReadSharedReferenceFile().RootElement.EnumerateArray()
            .Single(e => e.GetProperty("id").GetString() == "chris-kaba-2022").GetProperty("stages").GetArrayLength();
        Assert.Equal(expectedStages, stages.Count);
        Assert.All(stages, s => Assert.NotEmpty(s.Sources));
        Assert.Contains(details.Timeline, e => e.Type == GetCaseDetails.EntryType.Milestone);
    }

    [Fact]
    public async Task Suspensions_namings_rulings_and_national_reviews_are_what_they_are_not_other_stages()
    {
        await _app.SendAsync(new LoadReferenceCases.Command());

        await _app.WithDbAsync(async db =>
        {
            Assert.False(await db.Stages.AnyAsync(s => s.Kind == StageKind.Other));
            var events = await db.OfficerEvents.Include(e => e.Officer).OrderBy(e => e.OccurredOn).ToListAsync();
            Assert.Equal(
                ["W80 Suspended 2015-12-16..2017-06-14", "W80 Arrested 2015-12-17..", "NX121 Suspended 2022-09-12..2024-10-21", "NX121 Charged 2023-09-20..", "NX121 Named 2024-03-08.."],
                events.Select(e => $"{e.Officer.Cipher} {e.Kind} {e.Date.ToIsoString()}..{e.End?.ToIsoString()}"));
            var national = await db.Milestones.Where(m => m.Case.ExternalId == "chris-kaba-2022")
                .Where(m => m.Type == MilestoneType.NationalReview || m.Type == MilestoneType.MinisterialStatement)
                .OrderBy(m => m.OccurredOn).Select(m => m.OccurredOn).ToListAsync();
            Assert.Equal([new DateOnly(2023, 9, 24), new DateOnly(2024, 3, 21), new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 23), new DateOnly(2025, 10, 23)], national.Select(d => d!.Value));
        });

        // Kaba's CPS stage runs from the file's arrival (30 Mar 2023) to the decision (20 Sep 2023): 174 days, to the day.
        var kabaId = await _app.WithDbAsync(db => db.Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync());
        var details = await _app.SendAsync(new GetCaseDetails.Query(kabaId));
        Assert.Equal(new DayRange(174, 174), details!.Timeline.Single(e => e.Kind == StageKind.CpsDecision).Duration);
        Assert.Equal(5, details.Timeline.Count(e => e.IsNationalContext));
        var timeline = await _app.SendAsync(new GetCaseTimeline.Query(kabaId));
        Assert.Equal(5, timeline!.Items.Count(i => i.Lane == GetCaseTimeline.NationalContextLane));
        Assert.Equal(3, timeline.Items.Count(i => i.Lane == GetCaseTimeline.OfficerLane));
    }

    private static JsonDocument ReadSharedReferenceFile()
    {
        using var stream = typeof(LoadReferenceCases).Assembly.GetManifestResourceStream(LoadReferenceCases.CasesResource)!;
        return JsonDocument.Parse(stream);
    }
}
