using System.Text;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Import;

/// <summary>
/// Broken files get a preview naming each problem's row, column and reason, and the database is left exactly as it was:
/// nothing is written unless the whole file is valid.
/// </summary>
public sealed class BrokenFilesTests : IAsyncLifetime
{
    private const string Header = "case_id,title,incident_date,incident_date_precision,force,row_type,kind,label,start_date,start_precision,end_date,end_precision,outcome,source_1_url,source_1_quote";

    private TestApplication _app = null!;
    private string _countsBefore = string.Empty;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _countsBefore = await ImportDriver.TableCountsAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Malformed_json_is_reported_with_its_line_and_nothing_is_read()
    {
        const string json = "[\n  {\n    \"id\": \"a-1\",\n    \"title\": \"Unfinished\"\n    \"force\": \"Kent Police\"\n  }\n]";

        var job = await ImportDriver.DryRunAsync(_app, "broken.json", json);

        Assert.Equal(ImportJobStatus.Invalid, job.Status);
        var error = ImportDriver.SingleError(job);
        Assert.Equal(5, error.Row);
        Assert.Contains("is not valid JSON at line 5", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_json_value_of_the_wrong_type_names_the_case_and_field()
    {
        const string json = """[{"id":"a-1","title":"T","incident_date":"2020-01-01","force":"Kent Police","stages":[]},{"id":"a-2","title":"T","incident_date":"2020-01-01","force":"Kent Police","stages":[{"kind":"Inquest","start_date":20200101}]}]""";

        var job = await ImportDriver.DryRunAsync(_app, "types.json", json);

        var error = ImportDriver.SingleError(job);
        Assert.Equal((2, "stages[0].start_date"), (error.Row, error.Column));
        Assert.Contains("wrong type", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_file_in_the_wrong_encoding_is_refused_with_the_line_of_the_first_bad_byte()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\nc-1,Café shooting,2020-01-01,day,Kent Police,stage,Inquest,Inquest,2020-02-01,day,,,,,\r\n");

        var job = await ImportDriver.DryRunAsync(_app, "latin1.csv", latin1);

        var error = ImportDriver.SingleError(job);
        Assert.Equal(2, error.Row);
        Assert.Contains("not UTF-8", error.Text, StringComparison.Ordinal);
        Assert.Contains("0xE9", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_utf16_file_is_refused_with_a_hint()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\r\n")).ToArray();

        var job = await ImportDriver.DryRunAsync(_app, "utf16.csv", utf16);

        Assert.Contains("UTF-16", ImportDriver.SingleError(job).Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_missing_column_is_named_on_the_header_row()
    {
        var csv = Header.Replace(",kind", string.Empty, StringComparison.Ordinal) + "\r\nc-1,Title,2020-01-01,day,Kent Police,stage,Inquest,2020-02-01,day,,,,,\r\n";

        var job = await ImportDriver.DryRunAsync(_app, "missing.csv", csv);

        var error = ImportDriver.SingleError(job);
        Assert.Equal((1, "kind"), (error.Row, error.Column));
        Assert.Contains("missing from the header row", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task Row_level_problems_are_each_reported_with_row_column_and_reason()
    {
        var csv = string.Join("\r\n",
            Header,
            "c-1,Good case,2020-01-01,day,Kent Police,stage,IopcInvestigation,IOPC investigation,2020-01-02,day,2020-06-30,day,No case to answer,https://example.org/a,quoted",
            "c-1,,,,,stage,Tribunal,Employment tribunal,2020-03-01,day,,,,,",
            "c-2,Second case,2021-05-01,day,Kent Police,stage,Inquest,Inquest,2021-06-10,day,2021-06-01,day,,,",
            "c-2,,,,,stage,CpsDecision,CPS decision,2024-10-05,month,,,,,",
            "c-2,,,,,stage,Inquest,Inquest,2021-06-10,day,,,,,",
            "c-3,Third case,2021-13-01,day,Kent Police,stage,Appeal,Appeal,2022-01-01,day,,,,not a url,",
            "c-4,Fourth case,2022-01-01,day,Kent Police,case,,,,,,,,,",
            "c-4,Fourth case renamed,,,,stage,Inquest,Inquest,2022-02-01,day,,,,,",
            string.Empty);

        var job = await ImportDriver.DryRunAsync(_app, "rows.csv", csv);

        var errors = job.Report!.Messages.Where(m => m.Severity == ImportSeverity.Error).Select(m => (m.Row, m.Column, m.Text)).ToList();
        AssertError(errors, 3, "kind", "'Tribunal' is not a stage kind");
        AssertError(errors, 4, "end_date", "A stage cannot end before it starts: check the end date.");
        AssertError(errors, 5, "start_date", "A month-precision date cannot be given a day: enter just the year and month");
        AssertError(errors, 6, "label", "Duplicate stage");
        AssertError(errors, 7, "incident_date", "Enter the date as YYYY-MM-DD");
        AssertError(errors, 7, "source_1_url", "Enter the full web address, starting http:// or https://");
        AssertError(errors, 9, "title", "but row 8, the first row of case 'c-4', gives 'Fourth case'");
        Assert.Equal(7, errors.Count);
        Assert.Equal(ImportJobStatus.Invalid, job.Status);
        Assert.Equal(ImportAction.Invalid, job.Report.Items.Single(i => i.CaseId == "c-1").Action);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_duplicate_case_id_in_json_points_at_the_first_one()
    {
        const string json = """[{"id":"dup","title":"A","incident_date":"2020","force":"Kent Police"},{"id":"dup","title":"B","incident_date":"2021","force":"Kent Police"}]""";

        var job = await ImportDriver.DryRunAsync(_app, "dup.json", json);

        var error = ImportDriver.SingleError(job);
        Assert.Equal((2, "id"), (error.Row, error.Column));
        Assert.Contains("Duplicate case id 'dup': it is already used by the case at row 1", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task An_unknown_stage_kind_in_json_names_the_field_path()
    {
        const string json = """[{"id":"k","title":"A","incident_date":"2020-02","incident_date_precision":"month","force":"Kent Police","stages":[{"kind":"IopcInvestigation","label":"ok","start_date":"2020-03-01"},{"kind":"Tribunal","label":"x","start_date":"2020"}]}]""";

        var job = await ImportDriver.DryRunAsync(_app, "kind.json", json);

        var error = ImportDriver.SingleError(job);
        Assert.Equal((1, "stages[1].kind"), (error.Row, error.Column));
        Assert.StartsWith("'Tribunal' is not a stage kind: use one of IopcInvestigation, CpsDecision", error.Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task One_bad_case_stops_the_good_ones_too()
    {
        const string json = """[{"id":"good","title":"A","incident_date":"2020","force":"Kent Police"},{"id":"bad","title":"B","incident_date":"yesterday","force":"Kent Police"}]""";

        var job = await ImportDriver.DryRunAsync(_app, "mixed.json", json);

        Assert.Equal(ImportJobStatus.Invalid, job.Status);
        Assert.Equal(ImportAction.Create, job.Report!.Items.Single(i => i.CaseId == "good").Action);
        Assert.Equal(ImportAction.Invalid, job.Report.Items.Single(i => i.CaseId == "bad").Action);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_before_anything_is_stored()
    {
        var big = new byte[25 * 1024 * 1024];
        using var stream = new MemoryStream(big);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new StartImport.Command("big.json", big.Length, stream)));

        Assert.Equal("The file is 25.0 MB; imports are limited to 20.0 MB. Split it into smaller files and import them one after another.", Assert.Single(refused.Errors["File"]));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ImportJobs.CountAsync()));
        Assert.Equal(_countsBefore, await ImportDriver.TableCountsAsync(_app));
    }

    [Fact]
    public async Task A_stream_longer_than_its_declared_length_is_still_cut_off_at_20_MB()
    {
        var big = new byte[(20 * 1024 * 1024) + 10];
        using var stream = new MemoryStream(big);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new StartImport.Command("big.csv", 100, stream)));

        Assert.Contains("limited to 20.0 MB", Assert.Single(refused.Errors["File"]), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ImportJobs.CountAsync()));
    }

    [Fact]
    public async Task Formula_cells_are_flagged_and_a_formula_where_a_date_belongs_is_an_error()
    {
        var csv = string.Join("\r\n",
            Header,
            "f-1,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",2020-01-01,day,Kent Police,stage,Inquest,+Inquest,=DATE(2020;2;1),day,,,@SUM(A1),,",
            string.Empty);

        var job = await ImportDriver.DryRunAsync(_app, "formula.csv", csv);

        var messages = job.Report!.Messages.Select(m => (m.Severity, m.Row, m.Column)).ToList();
        Assert.Contains((ImportSeverity.Warning, 2, "title"), messages);
        Assert.Contains((ImportSeverity.Warning, 2, "label"), messages);
        Assert.Contains((ImportSeverity.Warning, 2, "outcome"), messages);
        Assert.Contains((ImportSeverity.Error, 2, "start_date"), messages);
        Assert.Contains("a spreadsheet would treat it as a formula", job.Report.Messages.First(m => m.Column == "title").Text, StringComparison.Ordinal);
        await AssertNothingWrittenAndCannotConfirmAsync(job);
    }

    [Fact]
    public async Task Formula_like_text_is_stored_as_plain_text_and_an_exports_apostrophe_is_removed()
    {
        var csv = string.Join("\r\n",
            Header,
            "f-2,=1+1 is not run,2020-01-01,day,Kent Police,stage,Inquest,'-adjourned-,2020-02-01,day,,,,,",
            string.Empty);

        var preview = await ImportDriver.DryRunAsync(_app, "formula-ok.csv", csv);
        var job = await ImportDriver.ConfirmAsync(_app, preview.Id);

        Assert.Equal(ImportJobStatus.Completed, job.Status);
        // The file leaves out incident type, harm and category: each is a "not recorded" warning of its own.
        Assert.Equal(["category", "harm", "incident_type"], preview.Report!.Messages.Where(m => m.Column != "title").Select(m => m.Column).Order());
        var warning = Assert.Single(preview.Report.Messages, m => m.Column == "title");
        Assert.Equal((ImportSeverity.Warning, 2, "title"), (warning.Severity, warning.Row, warning.Column));
        var stored = await _app.WithDbAsync(db => db.Cases.Include(c => c.Stages).SingleAsync(c => c.ExternalId == "f-2"));
        Assert.Equal("=1+1 is not run", stored.Title);
        Assert.Equal("-adjourned-", Assert.Single(stored.Stages).Label);
    }

    private static void AssertError(List<(int? Row, string? Column, string Text)> errors, int row, string column, string text) =>
        Assert.True(
            errors.Any(e => e.Row == row && e.Column == column && e.Text.Contains(text, StringComparison.Ordinal)),
            $"No error at row {row}, {column} saying \"{text}\". Errors: {string.Join(" | ", errors)}");

    private async Task AssertNothingWrittenAndCannotConfirmAsync(GetImportJob.Result job)
    {
        Assert.Equal(_countsBefore, await ImportDriver.TableCountsAsync(_app));
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new ConfirmImport.Command(job.Id)));
        Assert.Contains("errors", Assert.Single(refused.Errors["JobId"]), StringComparison.Ordinal);
        Assert.Equal(_countsBefore, await ImportDriver.TableCountsAsync(_app));
    }
}
