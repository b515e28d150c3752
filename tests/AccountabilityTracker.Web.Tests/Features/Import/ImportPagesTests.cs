using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Import;

public sealed class ImportPagesTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Fact]
    public async Task A_caseworker_uploads_reads_the_dry_run_confirms_and_sees_what_was_created()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);

        var uploaded = await UploadAsync(caseworker, "three.json", Encoding.UTF8.GetBytes(ApiBehaviourTests.SmallFile("page")));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var jobPath = uploaded.Headers.Location!.OriginalString;
        var jobId = int.Parse(jobPath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await ApiClient.WaitForStepsAsync(factory, jobId, 1);

        var preview = await Forms.GetAsync(caseworker, jobPath);
        Assert.Contains("Checked: ready to import", preview, StringComparison.Ordinal);
        Assert.Contains("Will be created", preview, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("page-case-"));

        var confirmed = await Forms.PostAsync(caseworker, jobPath + "/confirm", preview, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await ApiClient.WaitForStepsAsync(factory, jobId, 2);

        var result = await Forms.GetAsync(caseworker, jobPath);
        Assert.Contains("<strong class=\"import-status-text\" aria-live=\"polite\">Imported</strong>", result, StringComparison.Ordinal);
        Assert.Contains("What the import did", result, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync("page-case-"));
    }

    [Fact]
    public async Task A_running_job_page_loads_its_poller_from_a_file_and_has_a_progress_bar()
    {
        await factory.EnsureTestUsersAsync();
        var jobId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var job = new Application.Import.ImportJob("waiting.json", Application.Import.ImportFormat.Json, 2, "test", DateTime.UtcNow);
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);

        var html = await Forms.GetAsync(admin, $"/import/{jobId}");

        Assert.Contains("<progress id=\"import-progress\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-status-url=\"/api/v1/imports/{jobId}\"", html, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/js/import-status.js\\?v=[^\"]+\"></script>", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        var script = await admin.GetAsync("/js/import-status.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task A_file_with_errors_lists_them_by_row_and_column_and_offers_no_import_button()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        const string csv = "case_id,title,incident_date,force,kind,label,start_date,end_date\r\nx-1,Case,2020-01-01,Kent Police,Tribunal,Hearing,2020-02-01,\r\n";

        var uploaded = await UploadAsync(caseworker, "bad.csv", Encoding.UTF8.GetBytes(csv));
        var jobPath = uploaded.Headers.Location!.OriginalString;
        await ApiClient.WaitForStepsAsync(factory, int.Parse(jobPath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture), 1);
        var html = await Forms.GetAsync(caseworker, jobPath);

        Assert.Contains("Checked: the file has errors", html, StringComparison.Ordinal);
        Assert.Matches("<td>2</td>\\s*<td class=\"text-break\">kind</td>\\s*<td>Error</td>\\s*<td class=\"text-break\">&#x27;Tribunal&#x27; is not a stage kind", html);
        Assert.DoesNotContain("/confirm", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_25_MB_upload_is_answered_with_a_message_beside_the_field()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var jobsBefore = await ApiClient.JobCountAsync(factory);

        var response = await UploadAsync(caseworker, "big.csv", new byte[25 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "The file is 25.0 MB; imports are limited to 20.0 MB. Split it into smaller files and import them one after another.",
            Forms.FieldError(await response.Content.ReadAsStringAsync(), "File"));
        Assert.Equal(jobsBefore, await ApiClient.JobCountAsync(factory));
    }

    [Fact]
    public async Task An_upload_over_the_64_MB_request_limit_gets_the_file_too_large_page()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);

        var response = await UploadAsync(caseworker, "huge.csv", new byte[65 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("File too large", html, StringComparison.Ordinal);
        Assert.Contains("import files are limited to 20.0 MB", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_template_downloads_as_utf8_with_the_documented_header()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);

        var response = await caseworker.GetAsync("/import/template.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFcase_id,title,subject,incident_date,incident_date_precision,location,force,incident_type,harm,category,jurisdiction,status,status_note,closed_on,expected_on,officers,case_sources,row_type,kind,label,start_date,start_precision,end_date,end_precision,outcome,outcome_type,officer,source_1_url,source_1_publisher,source_1_quote,", text, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var page = await Forms.GetAsync(client, "/import");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), Forms.TokenField },
            { file, "file", fileName },
        };
        return await client.PostAsync("/import", form);
    }

    private Task<int> CountAsync(string idPrefix) =>
        factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.CountAsync(c => c.ExternalId!.StartsWith(idPrefix)));
}
