using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Cases;

/// <summary>
/// Posts hostile and malformed values into every field of every case logging form: never a 500, nothing stored when the
/// form is refused, and whatever is stored comes back encoded.
/// </summary>
public sealed partial class FormFuzzTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private const string Script = HostileValues.Script;

    private static readonly IReadOnlyList<string> Hostile = HostileValues.All;

    /// <summary>Every form of the case pages (and the digest settings), one test case each, so a failure names its form.</summary>
    public static TheoryData<string> CaseForms() =>
    [
        "case-new", "case-edit", "case-status", "stage-new", "stage-edit", "stage-close", "stage-hearing",
        "milestone-new", "milestone-edit", "officer-new", "officer-edit", "officer-event-new", "officer-event-edit", "source-new", "source-edit",
        "clock-pause", "clock-resume", "clock-extend", "digest-settings",
    ];

    [Theory]
    [MemberData(nameof(CaseForms))]
    public async Task Hostile_input_to_a_form_never_fails_never_stores_a_refusal_and_is_shown_encoded(string form)
    {
        using var client = await factory.CreateClientForAsync(Roles.Caseworker);
        var caseId = await CaseLoggingPagesTests.CreateCaseAsync(client, "Fuzz target");
        var token = await Forms.GetAsync(client, "/cases/new");
        await Forms.PostAsync(client, $"/cases/{caseId}/stages/new", token, new() { ["Kind"] = "Inquest", ["StartDate"] = "2023-05", ["StartPrecision"] = "Month", ["SourceUrl"] = "https://example.org/inquest" });
        await Forms.PostAsync(client, $"/cases/{caseId}/milestones/new", token, new() { ["Label"] = "Officer arrested", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day" });
        await Forms.PostAsync(client, $"/cases/{caseId}/officers/new", token, new() { ["Cipher"] = "C12" });
        var (stageId, milestoneId, officerId, sourceId) = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Stages.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(), await db.Milestones.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(),
                await db.Officers.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(), await db.Sources.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync());
        });
        var officerEvent = new Dictionary<string, string>
        {
            ["OfficerId"] = officerId.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Suspended", ["Date"] = "2023-05-03", ["DatePrecision"] = "Day", ["EndDate"] = "", ["EndPrecision"] = "Day", ["Notes"] = "",
        };
        await Forms.PostAsync(client, $"/cases/{caseId}/officer-events/new", token, officerEvent);
        var officerEventId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().OfficerEvents.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync());

        var stage = new Dictionary<string, string> { ["Kind"] = "Inquest", ["Label"] = "Inquest", ["StartDate"] = "2023-05", ["StartPrecision"] = "Month", ["Ended"] = "false", ["EndDate"] = "", ["EndPrecision"] = "Day", ["Outcome"] = "", ["Notes"] = "" };
        var source = new Dictionary<string, string> { ["SourceUrl"] = "https://example.org/page", ["SourcePublisher"] = "Example", ["SourcePublishedOn"] = "2023-05-03", ["SourceQuote"] = "quoted" };
        var milestone = new Dictionary<string, string> { ["Label"] = "Officer arrested", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day", ["Notes"] = "" };
        var officer = new Dictionary<string, string> { ["Cipher"] = "C12", ["RealName"] = "", ["UnderAnonymityOrder"] = "true", ["PubliclyNamedOn"] = "" };
        var forms = new (string Name, string Path, Dictionary<string, string> Fields, string? VersionFrom)[]
        {
            ("case-new", "/cases/new", CaseLoggingPagesTests.ValidCase("Fuzz new"), null),
            ("case-edit", $"/cases/{caseId}/edit", With(CaseLoggingPagesTests.ValidCase("Fuzz target"), new() { ["IncidentTime"] = "", ["Summary"] = "", ["ConfidentialNotes"] = "" }), $"/cases/{caseId}/edit"),
            ("case-status", $"/cases/{caseId}/status", new() { ["Status"] = "Awaiting", ["Note"] = "Hearing to be listed", ["ExpectedOn"] = "2027-01-04", ["ClosedOn"] = "" }, $"/cases/{caseId}/status"),
            ("stage-new", $"/cases/{caseId}/stages/new", With(stage, source), null),
            ("stage-edit", $"/cases/{caseId}/stages/{stageId}/edit", stage, $"/cases/{caseId}/stages/{stageId}/edit"),
            ("stage-close", $"/cases/{caseId}/stages/{stageId}/close", new() { ["EndDate"] = "2024-02", ["EndPrecision"] = "Month", ["Outcome"] = "Unlawful killing" }, $"/cases/{caseId}/stages/{stageId}/close"),
            ("stage-hearing", $"/cases/{caseId}/stages/{stageId}/hearing", new() { ["HearingDate"] = "2024-03-01", ["Outcome"] = "Adjourned", ["StageEnded"] = "false", ["NextStep"] = "Trial", ["NextDate"] = "2027-01-04" }, $"/cases/{caseId}/stages/{stageId}/hearing"),
            ("milestone-new", $"/cases/{caseId}/milestones/new", With(milestone, source), null),
            ("milestone-edit", $"/cases/{caseId}/milestones/{milestoneId}/edit", milestone, $"/cases/{caseId}/milestones/{milestoneId}/edit"),
            ("officer-new", $"/cases/{caseId}/officers/new", With(officer, new() { ["Cipher"] = "D4" }), null),
            ("officer-edit", $"/cases/{caseId}/officers/{officerId}/edit", officer, $"/cases/{caseId}/officers/{officerId}/edit"),
            ("officer-event-new", $"/cases/{caseId}/officer-events/new", officerEvent, null),
            ("officer-event-edit", $"/cases/{caseId}/officer-events/{officerEventId}/edit", officerEvent, $"/cases/{caseId}/officer-events/{officerEventId}/edit"),
            ("clock-pause", $"/cases/{caseId}/stages/{stageId}/pauses/new", new() { ["Form.From"] = "2023-06-01", ["Form.To"] = "", ["Form.Reason"] = "Awaiting the trial" }, null),
            ("clock-resume", $"/cases/{caseId}/stages/{stageId}/resume", new() { ["Form.On"] = "2023-07-01" }, null),
            ("clock-extend", $"/cases/{caseId}/stages/{stageId}/extensions/new", new() { ["Form.GrantedOn"] = "2023-06-01", ["Form.NewAmount"] = "12", ["Form.NewUnit"] = "Months", ["Form.Reason"] = "Granted by the coroner" }, null),
            ("source-new", $"/cases/{caseId}/sources/new", With(source, new() { ["AttachTo"] = $"stage-{stageId}" }), null),
            ("source-edit", $"/cases/{caseId}/sources/{sourceId}/edit", With(source, new() { ["AttachTo"] = "" }), $"/cases/{caseId}/sources/{sourceId}/edit"),
            ("digest-settings", "/profile/notifications/digest", new() { ["Enabled"] = "true", ["Hour"] = "7", ["OnlyWhenChanged"] = "true" }, null),
        };

        var failures = new List<string>();
        foreach (var (_, path, valid, versionFrom) in forms.Where(f => f.Name == form))
        {
            foreach (var field in valid.Keys.Append("Version").Append("Opened").Append("CaseId").Distinct())
            {
                foreach (var value in Hostile)
                {
                    var fields = new Dictionary<string, string>(valid);
                    if (versionFrom is not null)
                    {
                        var opened = await Forms.GetAsync(client, versionFrom);
                        fields["Version"] = CaseLoggingPagesTests.VersionIn(opened);
                        fields["Opened"] = CaseLoggingPagesTests.OpenedIn(opened);
                    }

                    fields[field] = value;
                    var before = await SnapshotAsync();
                    using var response = await Forms.PostAsync(client, path, token, fields);
                    var body = await response.Content.ReadAsStringAsync();
                    var label = $"{path} {field}={Shorten(value)}";
                    var refused = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest;
                    if (!refused && response.StatusCode != HttpStatusCode.Redirect)
                    {
                        failures.Add($"{label}: {(int)response.StatusCode}");
                    }
                    else if (refused && await SnapshotAsync() != before)
                    {
                        failures.Add($"{label}: refused, but something was stored");
                    }
                    else if (response.StatusCode == HttpStatusCode.OK && (body.Contains(Script, StringComparison.Ordinal) || body.Contains("<img src=x", StringComparison.Ordinal)))
                    {
                        failures.Add($"{label}: the refused value came back unencoded");
                    }
                }
            }
        }

        foreach (var path in new[] { "/cases", $"/cases/{caseId}", $"/cases/{caseId}/history", $"/cases/{caseId}/edit", $"/cases/{caseId}/stages/{stageId}/edit", $"/cases/{caseId}/sources/{sourceId}/edit" })
        {
            var html = await Forms.GetAsync(client, path);
            if (html.Contains(Script, StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
            {
                failures.Add($"{path} shows a stored value unencoded");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Hostile text that is fine to keep (a title with markup) was stored, and is shown as text.
        if (form == "case-edit")
        {
            var history = await Forms.GetAsync(client, $"/cases/{caseId}/history");
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", history, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/cases/-1/edit")]
    [InlineData("/cases/0/stages/new")]
    [InlineData("/cases/abc/edit")]
    [InlineData("/cases/99999999999/edit")]
    [InlineData("/cases/1/stages/-5/edit")]
    [InlineData("/cases/1/stages/2147483647/close")]
    [InlineData("/cases/1/milestones/-1/edit")]
    [InlineData("/cases/1/officers/0/edit")]
    [InlineData("/cases/1/sources/-3/edit")]
    [InlineData("/cases/-1/archive")]
    [InlineData("/cases/2147483647/archive")]
    [InlineData("/admin/archived-cases/-1/restore")]
    public async Task Negative_missing_and_malformed_ids_are_not_found_never_a_failure(string path)
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var token = await Forms.GetAsync(admin, "/cases/new");
        var before = await SnapshotAsync();

        using var get = await admin.GetAsync(path);
        using var post = await Forms.PostAsync(admin, path, token, new() { ["Title"] = Script, ["Kind"] = "Inquest", ["Cipher"] = "X1", ["SourceUrl"] = "https://example.org" });

        // A post is validated before the case is looked up, so a refused form may come back (200) instead of a 404.
        Assert.Contains(get.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.OK });
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Every change writes history, so an unchanged history count (and row counts) means nothing was stored.</summary>
    private Task<(int Cases, int Stages, int Milestones, int Officers, int Sources, int History)> SnapshotAsync() =>
        factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Cases.CountAsync(), await db.Stages.CountAsync(), await db.Milestones.CountAsync(), await db.Officers.CountAsync(), await db.Sources.CountAsync(), await db.CaseHistory.CountAsync());
        });

    private static Dictionary<string, string> With(Dictionary<string, string> fields, Dictionary<string, string> more) =>
        fields.Concat(more).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    private static string Shorten(string value) =>
        Controls().Replace(value.Length > 30 ? value[..30] + "…" : value, m => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)m.Value[0]:X4}"));

    [GeneratedRegex("[\\u0000-\\u001F\\u202E\\uFEFF]")]
    private static partial Regex Controls();
}
