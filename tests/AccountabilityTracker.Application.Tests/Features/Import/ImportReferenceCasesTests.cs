using System.Text;
using System.Text.Json;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Import;

public sealed class ImportReferenceCasesTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Importing_the_reference_file_into_an_empty_database_reproduces_both_cases_exactly()
    {
        var json = ImportDriver.ReferenceCasesJson();

        var job = await ImportDriver.ImportAsync(_app, "reference-cases.json", json);

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(2, job.Report!.CreateCount);
        Assert.True(job.Report.WarningCount == 0, string.Join("\n", job.Report.Messages.Select(m => $"{m.Row} {m.Column} {m.Text}")));
        var expected = JsonSerializer.Deserialize<List<CaseFileEntry>>(json, CaseFile.SerializerOptions)!;
        await AssertStoredExactlyAsync(expected);
    }

    [Fact]
    public async Task Known_facts_hold_after_the_import()
    {
        await ImportDriver.ImportAsync(_app, "reference-cases.json", ImportDriver.ReferenceCasesJson());

        await _app.WithDbAsync(async db =>
        {
            var baker = await db.Cases.Include(c => c.Stages).Include(c => c.Officers).SingleAsync(c => c.ExternalId == "jermaine-baker-2015");
            var dismissed = baker.Stages.Where(s => s.Kind == StageKind.MisconductProceedings).OrderBy(s => s.StartOn).Last();
            Assert.Equal(PartialDate.OnDay(2025, 10, 15), dismissed.End);
            Assert.Equal("W80", Assert.Single(baker.Officers).Cipher);

            var kaba = await db.Cases.Include(c => c.Stages).Include(c => c.Officers).SingleAsync(c => c.ExternalId == "chris-kaba-2022");
            var trial = kaba.Stages.Single(s => s.Kind == StageKind.CriminalTrial && s.StartOn == new DateOnly(2024, 10, 2));
            Assert.Equal(PartialDate.OnDay(2024, 10, 21), trial.End);
            var nx121 = Assert.Single(kaba.Officers);
            Assert.Equal(("NX121", "Sgt Martyn Blake", new DateOnly(2024, 3, 8)), (nx121.Cipher, nx121.RealName, nx121.PubliclyNamedOn));
            Assert.Equal("ATC-2022-0001", kaba.Reference);
        });
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_changes_nothing()
    {
        var json = ImportDriver.ReferenceCasesJson();
        await ImportDriver.ImportAsync(_app, "reference-cases.json", json);
        var before = await SnapshotAsync();
        var countsBefore = await ImportDriver.TableCountsAsync(_app);
        _app.Time.Advance(TimeSpan.FromDays(3));

        var preview = await ImportDriver.DryRunAsync(_app, "reference-cases.json", json);
        var second = await ImportDriver.ConfirmAsync(_app, preview.Id);

        Assert.Equal((0, 0, 2), (preview.Report!.CreateCount, preview.Report.UpdateCount, preview.Report.UnchangedCount));
        Assert.All(preview.Report.Items, i => Assert.Equal(ImportAction.Unchanged, i.Action));
        Assert.Equal(ImportJobStatus.Completed, second.Status);
        Assert.Equal((0, 0, 2), (second.Report!.CreateCount, second.Report.UpdateCount, second.Report.UnchangedCount));
        Assert.Equal(countsBefore, await ImportDriver.TableCountsAsync(_app));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_csv_form_of_the_reference_cases_imports_to_the_same_records_as_the_json()
    {
        var entries = JsonSerializer.Deserialize<List<CaseFileEntry>>(ImportDriver.ReferenceCasesJson(), CaseFile.SerializerOptions)!;
        var csv = CaseCsv.Write(entries);

        var job = await ImportDriver.ImportAsync(_app, "reference-cases.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(0, job.Report!.WarningCount);
        await AssertStoredExactlyAsync(entries);
    }

    [Fact]
    public async Task The_downloadable_csv_template_imports_cleanly()
    {
        var job = await ImportDriver.ImportAsync(_app, "template.csv", Encoding.UTF8.GetBytes(CaseCsv.Template()));

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        var stored = await _app.WithDbAsync(db => db.Cases.Include(c => c.Stages).Include(c => c.Milestones).Include(c => c.OfficerEvents).SingleAsync(c => c.ExternalId == "example-2021-001"));
        Assert.Equal(2, stored.Stages.Count);
        Assert.Equal(PartialDate.InMonth(2022, 1), stored.Stages.Single(s => s.Kind == StageKind.IopcInvestigation).End);
        Assert.Equal(PartialDate.OnDay(2021, 3, 14), Assert.Single(stored.Milestones).Date);
        Assert.Equal([(OfficerEventKind.Suspended, PartialDate.InMonth(2021, 3)), (OfficerEventKind.CriminalNoticeServed, PartialDate.OnDay(2021, 4, 2))], stored.OfficerEvents.OrderBy(e => e.Date).Select(e => (e.Kind, e.Date)));
    }

    [Fact]
    public async Task A_changed_file_updates_the_case_by_adding_what_is_new_and_says_so_in_the_preview()
    {
        var entries = JsonSerializer.Deserialize<List<CaseFileEntry>>(ImportDriver.ReferenceCasesJson(), CaseFile.SerializerOptions)!;
        await ImportDriver.ImportAsync(_app, "reference-cases.json", ImportDriver.ReferenceCasesJson());
        var kaba = entries.Single(e => e.Id == "chris-kaba-2022");
        var inquest = kaba.Stages.Single(s => s.Kind == "Inquest");
        inquest.EndDate = "2026-06-30";
        inquest.EndPrecision = "day";
        inquest.Outcome = "Lawful killing";
        kaba.Stages.Add(new CaseFileStage { Kind = "JudicialReview", Label = "Family's judicial review", StartDate = "2026-07", StartPrecision = "month" });
        var changed = JsonSerializer.SerializeToUtf8Bytes(entries, CaseFile.SerializerOptions);

        var preview = await ImportDriver.DryRunAsync(_app, "changed.json", changed);
        var countsAfterPreview = await ImportDriver.TableCountsAsync(_app);
        var done = await ImportDriver.ConfirmAsync(_app, preview.Id);

        var item = preview.Report!.Items.Single(i => i.CaseId == "chris-kaba-2022");
        Assert.Equal(ImportAction.Update, item.Action);
        Assert.Contains(item.Changes, c => c.Contains("end (running) → 30 Jun 2026", StringComparison.Ordinal));
        Assert.Contains(item.Changes, c => c.StartsWith("Stage added: Judicial review 'Family's judicial review' from July 2026", StringComparison.Ordinal));
        Assert.Equal(ImportAction.Unchanged, preview.Report.Items.Single(i => i.CaseId == "jermaine-baker-2015").Action);
        Assert.Equal((1, 1), (done.Report!.UpdateCount, done.Report.UnchangedCount));
        Assert.NotEqual(countsAfterPreview, await ImportDriver.TableCountsAsync(_app));
        await _app.WithDbAsync(async db =>
        {
            var stages = await db.Stages.Where(s => s.Case.ExternalId == "chris-kaba-2022").ToListAsync();
            var storedInquest = stages.Single(s => s.Kind == StageKind.Inquest);
            Assert.Equal((PartialDate?)PartialDate.OnDay(2026, 6, 30), storedInquest.End);
            Assert.Equal("Lawful killing", storedInquest.Outcome);
            Assert.Contains(stages, s => s.Kind == StageKind.JudicialReview && s.Start == PartialDate.InMonth(2026, 7) && s.IsRunning);
        });
    }

    private async Task AssertStoredExactlyAsync(List<CaseFileEntry> expected)
    {
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(expected.Count, await db.Cases.CountAsync());
            foreach (var entry in expected)
            {
                var stored = await db.Cases.AsSplitQuery()
                    .Include(c => c.Stages).ThenInclude(s => s.Sources)
                    .Include(c => c.Officers)
                    .Include(c => c.Sources)
                    .SingleAsync(c => c.ExternalId == entry.Id);
                Assert.Equal(entry.Title, stored.Title);
                Assert.Equal(entry.Subject, stored.Subject);
                Assert.Equal(entry.Location, stored.Location);
                Assert.Equal(entry.IncidentDate, stored.IncidentDate.ToIsoString());
                Assert.Equal(entry.IncidentDatePrecision, stored.IncidentDate.Precision.ToString(), ignoreCase: true);
                Assert.Equal(entry.Force, stored.Force + (stored.Summary is { } unit ? " (" + unit["Unit: ".Length..] + ")" : string.Empty));
                Assert.Equal(entry.OfficerDesignations.Count, stored.Officers.Count);

                var stages = stored.Stages.OrderBy(s => s.Id).ToList();
                Assert.Equal(entry.Stages.Count, stages.Count);
                for (var i = 0; i < stages.Count; i++)
                {
                    var (want, got) = (entry.Stages[i], stages[i]);
                    var where = $"{entry.Id} stage {i}";
                    Assert.True(want.Kind == got.Kind.ToString(), where);
                    Assert.True(want.Label == got.Label, where);
                    Assert.True((want.StartDate ?? string.Empty) == got.Start.ToIsoString(), where + " start");
                    Assert.True(string.Equals(want.StartPrecision, got.Start.Precision.ToString(), StringComparison.OrdinalIgnoreCase), where + " start precision");
                    Assert.True((want.EndDate ?? string.Empty) == (got.End?.ToIsoString() ?? string.Empty), where + " end");
                    var wantPrecision = want.EndPrecision == CaseFileMapper.RunningPrecision ? null : want.EndPrecision;
                    Assert.True(string.Equals(wantPrecision, got.End?.Precision.ToString(), StringComparison.OrdinalIgnoreCase), where + " end precision");
                    Assert.True(want.Outcome == got.Outcome, where + " outcome");
                    var sources = got.Sources.OrderBy(s => s.Id).ToList();
                    Assert.Equal(want.Sources.Count, sources.Count);
                    for (var j = 0; j < sources.Count; j++)
                    {
                        Assert.Equal(new Uri(want.Sources[j].Url!).ToString(), sources[j].Url);
                        Assert.Equal(want.Sources[j].Quote, sources[j].Quote);
                    }
                }

                var caseSources = stored.Sources.Where(s => s.StageId is null && s.MilestoneId is null).OrderBy(s => s.Id).Select(s => s.Url).ToList();
                Assert.Equal(entry.Sources.Select(u => new Uri(u).ToString()), caseSources);
            }
        });
    }

    /// <summary>Every stored value an import could touch, including each row's version token and last-updated time.</summary>
    private Task<string> SnapshotAsync() =>
        _app.WithDbAsync(async db =>
        {
            var cases = await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Reference, c.Title, c.Version, c.UpdatedAtUtc, c.Category, c.IncidentType, c.Harm }).ToListAsync();
            var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Version, s.StartOn, s.EndOn, s.Outcome }).ToListAsync();
            var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Url, s.Quote }).ToListAsync();
            return JsonSerializer.Serialize(new { cases, stages, sources });
        });
}
