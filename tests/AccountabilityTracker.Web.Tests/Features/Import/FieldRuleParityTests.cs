using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Features.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Import;

/// <summary>
/// One set of rules for every way data gets in: each hostile value of the form fuzz list, put in one field, is refused
/// (or accepted) alike by the form, the API (which writes every part a form writes: case, stage, milestone, officer,
/// source), a JSON import and a CSV import, and the import and the API name the same reasons, in the same words, as the form.
/// </summary>
public sealed class FieldRuleParityTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private const string Csv = "case_id,title,subject,incident_date,incident_date_precision,location,force,incident_type,harm,officers,row_type,kind,label,start_date,start_precision,end_date,end_precision,outcome,source_1_url,source_1_publisher,source_1_quote,officer";

    public static TheoryData<string> Fields() =>
    [
        "case.Title", "case.Subject", "case.Location", "case.Force", "case.IncidentDate",
        "stage.Label", "stage.StartDate", "stage.EndDate", "stage.Outcome",
        "milestone.Label", "milestone.Date", "milestone.Notes",
        "officerEvent.Date", "officerEvent.Notes",
        "officer.Cipher",
        "source.Url", "source.Publisher", "source.Quote",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Every_hostile_value_gets_the_same_answer_from_forms_api_json_and_csv_import(string field)
    {
        var (part, name) = (field[..field.IndexOf('.', StringComparison.Ordinal)], field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        using var browser = await factory.CreateClientForAsync(Roles.Caseworker);
        using var api = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var values = HostileValues.All;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"parity-{field.Replace('.', '-')}");
        var json = await ImportErrorsAsync(api, "parity.json", JsonFile(prefix, part, name, values));
        var csv = await ImportErrorsAsync(api, "parity.csv", CsvFile(prefix, part, name, values));
        var caseId = part == "case" ? 0 : await CaseLoggingPagesTests.CreateCaseAsync(browser, "Parity target");
        var officerId = part == "officerEvent" ? await AddOfficerAsync(browser, caseId) : 0;

        // The API adds to a case of its own, so an officer the form has just added is not "already recorded" for it.
        var apiCaseId = part == "case" ? 0 : await ApiClient.CreateCaseAsync(factory, "Parity target (API)");
        var apiCaseVersion = part == "case" ? Guid.Empty : JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases/{apiCaseId}")).RootElement.GetProperty("version").GetGuid();
        var apiOfficerId = part == "officerEvent" ? await AddApiOfficerAsync(api, apiCaseId, apiCaseVersion) : 0;

        var failures = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var id = Id(prefix, i);
            var (formRefused, formPage) = await PostFormAsync(browser, caseId, part, name, value, i, officerId);
            var jsonErrors = json.GetValueOrDefault(id, []);
            var csvErrors = csv.GetValueOrDefault(id, []);
            var label = $"{field} = {Shorten(value)}";

            // A file cannot tell an empty cell from a missing one: a subject or location it leaves out takes the
            // documented default ("not published", "not recorded"), so the file accepts what the form refuses as empty.
            var fileDefault = value.Length == 0 && part == "case" && name is "Subject" or "Location";
            var fileExpected = formRefused && !fileDefault;

            // A force the jurisdiction does not know is refused by the form (it offers a list) but a file imports it as
            // written with a warning (issue 15, docs/import.md): the file checks only its text (length, control characters).
            var unknownForce = part == "case" && name == "Force";
            if (unknownForce)
            {
                fileExpected = string.IsNullOrWhiteSpace(value) || value.Trim().Length > TextLimits.Force || ForceTextRefused(value);
            }

            if ((jsonErrors.Count > 0) != fileExpected)
            {
                failures.Add($"{label}: the form {(formRefused ? "refuses" : "accepts")} it, the JSON import {(jsonErrors.Count > 0 ? "refuses it: " + string.Join(" | ", jsonErrors) : "accepts it")}");
            }

            // An empty officers cell in a CSV lists no officer; JSON can give an empty designation, refused like the form.
            var noOfficer = value.Length == 0 && part == "officer";
            if (!jsonErrors.SetEquals(csvErrors) && !(noOfficer && csvErrors.Count == 0))
            {
                failures.Add($"{label}: JSON says [{string.Join(" | ", jsonErrors)}], CSV says [{string.Join(" | ", csvErrors)}]");
            }

            foreach (var missing in jsonErrors.Where(e => formPage is not null && !unknownForce && !formPage.Contains(HtmlEncoder.Default.Encode(e), StringComparison.Ordinal)))
            {
                failures.Add($"{label}: the import says \"{missing}\", the form does not");
            }

            if (part != "case")
            {
                var partErrors = await PostApiPartAsync(api, apiCaseId, apiCaseVersion, apiOfficerId, part, name, value);
                if ((partErrors is not null) != formRefused)
                {
                    failures.Add($"{label}: the form {(formRefused ? "refuses" : "accepts")} it, the API {(partErrors is null ? "accepts it" : "refuses it: " + string.Join(" | ", partErrors))}");
                }

                foreach (var missing in (partErrors ?? []).Where(e => formPage is not null && !formPage.Contains(HtmlEncoder.Default.Encode(e), StringComparison.Ordinal)))
                {
                    failures.Add($"{label}: the API says \"{missing}\", the form does not");
                }
            }
            else
            {
                var apiErrors = await PostApiAsync(api, name, value);
                if ((apiErrors is not null) != formRefused)
                {
                    failures.Add($"{label}: the form {(formRefused ? "refuses" : "accepts")} it, the API {(apiErrors is null ? "accepts it" : "refuses it")}");
                }
                else if (apiErrors is not null && !fileDefault && !unknownForce && !apiErrors.SetEquals(jsonErrors))
                {
                    failures.Add($"{label}: the API says [{string.Join(" | ", apiErrors)}], the import says [{string.Join(" | ", jsonErrors)}]");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The text rule the form applies to every single-line field: no line breaks or invisible control characters.</summary>
    private static bool ForceTextRefused(string value) => value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF');

    private static string Id(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index}");

    private static byte[] JsonFile(string prefix, string part, string name, IReadOnlyList<string> values)
    {
        var cases = new JsonArray();
        for (var i = 0; i < values.Count; i++)
        {
            var source = new JsonObject { ["url"] = "https://example.org/s", ["publisher"] = "Example", ["quote"] = "quoted" };
            var stage = new JsonObject
            {
                ["kind"] = "Inquest", ["label"] = "Inquest", ["start_date"] = "2023-05-01", ["start_precision"] = "day",
                ["end_date"] = "2024-01-10", ["end_precision"] = "day", ["outcome"] = "Narrative conclusion", ["sources"] = new JsonArray(source),
            };
            var milestone = new JsonObject { ["label"] = "Officer arrested", ["date"] = "2023-04-20", ["precision"] = "day", ["notes"] = "Released on bail" };
            var officerEvent = new JsonObject { ["officer"] = "C1", ["kind"] = "Suspended", ["date"] = "2023-04-21", ["precision"] = "day", ["notes"] = "Suspended on full pay" };
            var entry = new JsonObject
            {
                ["id"] = Id(prefix, i), ["title"] = "Parity case", ["subject"] = "not published", ["incident_date"] = "2023-04-10",
                ["incident_date_precision"] = "day", ["location"] = "Croydon", ["force"] = "Metropolitan Police Service",
                ["incident_type"] = "TaserDischarge", ["harm"] = "SeriousInjury", ["officer_designations"] = new JsonArray("C1"),
                ["stages"] = new JsonArray(stage), ["milestones"] = new JsonArray(milestone), ["officer_events"] = part == "officerEvent" ? new JsonArray(officerEvent) : new JsonArray(),
            };
            var value = values[i];
            switch (part, name)
            {
                case ("case", _): entry[JsonName(name)] = value; break;
                case ("stage", _): stage[JsonName(name)] = value; break;
                case ("milestone", _): milestone[JsonName(name)] = value; break;
                case ("officerEvent", _): officerEvent[JsonName(name)] = value; break;
                case ("officer", _): entry["officer_designations"] = new JsonArray(value); break;
                default: source[JsonName(name)] = value; break;
            }

            cases.Add(entry);
        }

        return Encoding.UTF8.GetBytes(cases.ToJsonString());
    }

    private static string JsonName(string name) => name switch
    {
        "IncidentDate" => "incident_date",
        "StartDate" => "start_date",
        "EndDate" => "end_date",
        _ => name.ToLowerInvariant(),
    };

    private static byte[] CsvFile(string prefix, string part, string name, IReadOnlyList<string> values)
    {
        var text = new StringBuilder(Csv).Append("\r\n");
        for (var i = 0; i < values.Count; i++)
        {
            var caseRow = new Dictionary<string, string>
            {
                ["case_id"] = Id(prefix, i), ["title"] = "Parity case", ["subject"] = "not published", ["incident_date"] = "2023-04-10",
                ["incident_date_precision"] = "day", ["location"] = "Croydon", ["force"] = "Metropolitan Police Service",
                ["incident_type"] = "TaserDischarge", ["harm"] = "SeriousInjury", ["officers"] = "C1", ["row_type"] = "stage",
                ["kind"] = "Inquest", ["label"] = "Inquest", ["start_date"] = "2023-05-01", ["start_precision"] = "day",
                ["end_date"] = "2024-01-10", ["end_precision"] = "day", ["outcome"] = "Narrative conclusion",
                ["source_1_url"] = "https://example.org/s", ["source_1_publisher"] = "Example", ["source_1_quote"] = "quoted",
            };
            var milestoneRow = new Dictionary<string, string>
            {
                ["case_id"] = Id(prefix, i), ["row_type"] = "milestone", ["label"] = "Officer arrested", ["start_date"] = "2023-04-20",
                ["start_precision"] = "day", ["outcome"] = "Released on bail",
            };
            var officerEventRow = new Dictionary<string, string>
            {
                ["case_id"] = Id(prefix, i), ["row_type"] = "officer_event", ["kind"] = "Suspended", ["start_date"] = "2023-04-21",
                ["start_precision"] = "day", ["outcome"] = "Suspended on full pay", ["officer"] = "C1",
            };
            var value = values[i];
            switch (part, name)
            {
                case ("case", _): caseRow[JsonName(name)] = value; break;
                case ("stage", _): caseRow[JsonName(name)] = value; break;
                case ("milestone", "Date"): milestoneRow["start_date"] = value; break;
                case ("milestone", "Notes"): milestoneRow["outcome"] = value; break;
                case ("milestone", _): milestoneRow["label"] = value; break;
                case ("officerEvent", "Date"): officerEventRow["start_date"] = value; break;
                case ("officerEvent", _): officerEventRow["outcome"] = value; break;
                case ("officer", _): caseRow["officers"] = value; break;
                default: caseRow["source_1_" + name.ToLowerInvariant()] = value; break;
            }

            // An event names officer C1: it is only in the file whose officer cell is left alone.
            foreach (var row in part == "officerEvent" ? new[] { caseRow, milestoneRow, officerEventRow } : [caseRow, milestoneRow])
            {
                text.AppendJoin(',', Csv.Split(',').Select(column => "\"" + row.GetValueOrDefault(column, string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append("\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Runs the dry run through the API and returns each case's error texts.</summary>
    private async Task<Dictionary<string, HashSet<string>>> ImportErrorsAsync(HttpClient api, string fileName, byte[] file)
    {
        using var started = await api.PostAsync("/api/v1/imports", ApiClient.FileContent(fileName, file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await ApiClient.WaitForStepsAsync(factory, jobId, 1);
        var job = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        var errors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var message in job.GetProperty("report").GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("severity").ToString() is "Error" or "1")
            {
                var caseId = message.TryGetProperty("caseId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "(file)";
                if (!errors.TryGetValue(caseId, out var texts))
                {
                    errors[caseId] = texts = new HashSet<string>(StringComparer.Ordinal);
                }

                texts.Add(message.GetProperty("text").GetString()!);
            }
        }

        Assert.False(errors.ContainsKey("(file)"), string.Join(" | ", errors.GetValueOrDefault("(file)", [])));
        return errors;
    }

    private static async Task<int> AddOfficerAsync(HttpClient client, int caseId)
    {
        var page = await Forms.GetAsync(client, $"/cases/{caseId}/officers/new");
        using var response = await Forms.PostAsync(client, $"/cases/{caseId}/officers/new", page, new() { ["Cipher"] = "C1" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await Forms.GetAsync(client, $"/cases/{caseId}/officer-events/new");
        var match = System.Text.RegularExpressions.Regex.Match(html, "<option value=\"(?<id>[0-9]+)\"[^>]*>C1</option>");
        Assert.True(match.Success, "The officer event form offers C1");
        return int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<(bool Refused, string? Page)> PostFormAsync(HttpClient client, int caseId, string part, string name, string value, int index, int officerId)
    {
        var (path, fields) = part switch
        {
            "case" => ("/cases/new", CaseLoggingPagesTests.ValidCase("Parity case")),
            "stage" => ($"/cases/{caseId}/stages/new", new Dictionary<string, string>
            {
                ["Kind"] = "Inquest", ["Label"] = "Inquest", ["StartDate"] = "2023-05-01", ["StartPrecision"] = "Day", ["Ended"] = "true",
                ["EndDate"] = "2024-01-10", ["EndPrecision"] = "Day", ["Outcome"] = "Narrative conclusion",
            }),
            "milestone" => ($"/cases/{caseId}/milestones/new", new Dictionary<string, string>
            {
                ["Label"] = "Officer arrested", ["Date"] = "2023-04-20", ["DatePrecision"] = "Day", ["Notes"] = "Released on bail",
            }),
            "officerEvent" => ($"/cases/{caseId}/officer-events/new", new Dictionary<string, string>
            {
                ["OfficerId"] = officerId.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Suspended", ["Date"] = "2023-04-21", ["DatePrecision"] = "Day", ["Notes"] = "Suspended on full pay",
            }),
            "officer" => ($"/cases/{caseId}/officers/new", new Dictionary<string, string> { ["Cipher"] = "C1", ["RealName"] = string.Empty, ["UnderAnonymityOrder"] = "true" }),
            _ => ($"/cases/{caseId}/sources/new", new Dictionary<string, string>
            {
                ["SourceUrl"] = "https://example.org/s", ["SourcePublisher"] = "Example", ["SourceQuote"] = "quoted", ["AttachTo"] = string.Empty,
            }),
        };
        fields[part == "source" ? "Source" + name : part == "milestone" && name == "Date" ? "Date" : name] = value;
        if (part == "case")
        {
            fields["IncidentDate"] = name == "IncidentDate" ? value : "2023-04-10";
            fields["IncidentPrecision"] = "Day";
        }

        _ = index;
        var page = await Forms.GetAsync(client, "/cases/new");
        using var response = await Forms.PostAsync(client, path, page, fields);
        // A NUL character cannot be sent in a form at all: the form body is refused whole (400), with no page to compare.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{path} {name}: {(int)response.StatusCode}");
        return (response.StatusCode != HttpStatusCode.Redirect, response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null);
    }

    /// <summary>The API's error texts, or null when it accepted the case.</summary>
    private static async Task<HashSet<string>?> PostApiAsync(HttpClient api, string name, string value)
    {
        var body = ApiClient.CaseBody("Parity case");
        body["incidentDate"] = "2023-04-10";
        body["incidentTime"] = null;
        body["summary"] = null;
        body["confidentialNotes"] = null;
        body[char.ToLowerInvariant(name[0]) + name[1..]] = value;
        using var response = await api.PostAsync("/api/v1/cases", JsonContent.Create(body));
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        return [.. errors.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!)];
    }

    /// <summary>Adds the stage, milestone, officer or source through the API as the form adds it; its error texts, or null when it accepted it.</summary>
    private static async Task<int> AddApiOfficerAsync(HttpClient api, int caseId, Guid version)
    {
        using var response = await api.PostAsync($"/api/v1/cases/{caseId}/officers", JsonContent.Create(new Dictionary<string, object?> { ["cipher"] = "C1", ["underAnonymityOrder"] = true, ["version"] = version }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    private static async Task<HashSet<string>?> PostApiPartAsync(HttpClient api, int caseId, Guid version, int officerId, string part, string name, string value)
    {
        var (path, body) = part switch
        {
            "officerEvent" => ("officer-events", new Dictionary<string, object?> { ["officerId"] = officerId, ["kind"] = "Suspended", ["date"] = "2023-04-21", ["datePrecision"] = "Day", ["notes"] = "Suspended on full pay" }),
            "stage" => ("stages", new Dictionary<string, object?>
            {
                ["kind"] = "Inquest", ["label"] = "Inquest", ["startDate"] = "2023-05-01", ["startPrecision"] = "Day", ["ended"] = true,
                ["endDate"] = "2024-01-10", ["endPrecision"] = "Day", ["outcome"] = "Narrative conclusion",
            }),
            "milestone" => ("milestones", new Dictionary<string, object?> { ["label"] = "Officer arrested", ["date"] = "2023-04-20", ["datePrecision"] = "Day", ["notes"] = "Released on bail" }),
            "officer" => ("officers", new Dictionary<string, object?> { ["cipher"] = "C1", ["realName"] = string.Empty, ["underAnonymityOrder"] = true }),
            "source" => ("sources", new Dictionary<string, object?> { ["sourceUrl"] = "https://example.org/s", ["sourcePublisher"] = "Example", ["sourceQuote"] = "quoted", ["attachTo"] = string.Empty }),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "The API has no write for this part."),
        };
        var field = part == "source" ? "source" + name : char.ToLowerInvariant(name[0]) + name[1..];
        body[field] = value;
        body["version"] = version;
        using var response = await api.PostAsync($"/api/v1/cases/{caseId}/{path}", JsonContent.Create(body));
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} {field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        return [.. errors.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!)];
    }

    private static string Shorten(string value) =>
        new(value.Take(30).Select(c => char.IsControl(c) || c is '\u202E' or '\uFEFF' ? '?' : c).ToArray());
}
