using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;

namespace AccountabilityTracker.Web.Tests.Features.Import;

/// <summary>
/// Issue 15's acceptance: a file using every construct of the legal record (a stage ended on an unknown date, officers
/// named without a cipher, a restricted name, Scotland and Northern Ireland cases, controlled outcomes, a missing
/// category, case status, officer events and periods, typed milestones with an event-to-event clock, national context)
/// goes in as JSON and as CSV through the API, and the statuses, durations, warnings, the Overdue page, the duration
/// report and what each role sees all come out right; a case, its status and an officer event also go in through the API.
/// </summary>
public sealed class LegalRecordImportTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task Every_new_construct_imports_and_reads_back_as_the_record_says(string format)
    {
        var prefix = "legal-" + format;
        var entries = Cases(prefix);
        var file = format == "json"
            ? JsonSerializer.SerializeToUtf8Bytes(entries, CaseFile.SerializerOptions)
            : Encoding.UTF8.GetBytes(CaseCsv.Write(entries));
        using var caseworker = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));

        var preview = await DryRunAsync(caseworker, $"{prefix}.{format}", file);

        var messages = preview.GetProperty("report").GetProperty("messages").EnumerateArray()
            .Select(m => (Case: m.GetProperty("caseId").GetString(), Column: m.GetProperty("column").GetString(), Text: m.GetProperty("text").GetString()!))
            .ToList();
        Assert.DoesNotContain(messages, m => m.Text.Contains("not one of the", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Case == $"{prefix}-ew" && m.Column == "category" && m.Text.Contains("not recorded", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Case == $"{prefix}-ni" && m.Column!.EndsWith("end_date", StringComparison.Ordinal) && m.Text.Contains("outcome but no end", StringComparison.Ordinal));
        Assert.Equal(2, messages.Count);
        await CommitAsync(caseworker, preview.GetProperty("id").GetInt32());

        using var researcher = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));
        var ew = await CaseAsync(caseworker, $"{prefix} England");
        var ewForResearcher = await CaseAsync(researcher, $"{prefix} England");
        var scotland = await CaseAsync(caseworker, $"{prefix} Scotland");
        var ni = await CaseAsync(caseworker, $"{prefix} Northern Ireland");

        // England & Wales: the undated end is "ended, date unknown", never running, with no duration and no clock status.
        Assert.Equal("EnglandAndWales", ew.GetProperty("jurisdiction").GetString());
        Assert.Equal("NotKnown", ew.GetProperty("category").GetString());
        var iopc = Stage(ew, "IopcInvestigation");
        Assert.Equal(("ended_date_unknown", false, "NotApplicable"), (iopc.GetProperty("endState").GetString(), iopc.GetProperty("isRunning").GetBoolean(), iopc.GetProperty("clock").GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, iopc.GetProperty("duration").ValueKind);
        Assert.Equal("ReferredToCps", iopc.GetProperty("outcomeType").GetString());
        Assert.Equal("Unclassified", Stage(ew, "CpsDecision").GetProperty("outcomeType").GetString()); // text alone never sets a type
        Assert.Equal(180, Stage(ew, "CpsDecision").GetProperty("duration").GetProperty("shortestDays").GetInt32());
        Assert.Equal("Acquitted", Stage(ew, "CriminalTrial").GetProperty("outcomeType").GetString());
        Assert.StartsWith("Awaiting: gross misconduct hearing to be listed", ew.GetProperty("statusText").GetString(), StringComparison.Ordinal);
        Assert.Equal("Overdue", ew.GetProperty("caseClock").GetProperty("status").GetString());

        // Officers: a cipher with a public name, a public name with no cipher, a cipher whose name is restricted.
        Assert.Equal(["Anthony Long", "PC Benjamin Monk", "Sgt Restricted Name"], Officers(ew).Select(o => o.Name).Order());
        Assert.Equal(["Anthony Long", "PC Benjamin Monk", null], Officers(ewForResearcher).Select(o => o.Name).OrderBy(n => n is null).ThenBy(n => n, StringComparer.Ordinal));
        Assert.Contains(Officers(ewForResearcher), o => o.Cipher is null && o.Name == "PC Benjamin Monk");
        var ewText = ewForResearcher.GetRawText();
        Assert.DoesNotContain("Sgt Restricted Name", ewText, StringComparison.Ordinal);

        // Officer events: a running suspension of E7, an arrest of the officer named without a cipher, an interview of the
        // officer whose name is restricted (a researcher sees only the cipher), and durations to the day.
        var events = ew.GetProperty("officerEvents").EnumerateArray().ToList();
        Assert.Equal(["E7 Suspended", "PC Benjamin Monk Arrested", "B12 InterviewedUnderCaution"], events.Select(e => e.GetProperty("officer").GetString() + " " + e.GetProperty("kind").GetString()));
        var suspension = events[0];
        var suspendedDays = new DateOnly(2012, 3, 1).DayNumber - new DateOnly(2010, 6, 2).DayNumber;
        Assert.Equal((true, false, suspendedDays), (suspension.GetProperty("isPeriod").GetBoolean(), suspension.GetProperty("isRunning").GetBoolean(), suspension.GetProperty("duration").GetProperty("shortestDays").GetInt32()));
        Assert.Equal(["E7", "PC Benjamin Monk", "B12"], ewForResearcher.GetProperty("officerEvents").EnumerateArray().Select(e => e.GetProperty("officer").GetString()));

        // Typed milestones: regulation 33 runs from the papers to the chair (4 Nov 2024; due 25 Nov 2024, no pre-hearing
        // recorded: overdue); the national review is national context, with no clock.
        var papers = ew.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("type").GetString() == "PapersToChair");
        Assert.Equal(("Overdue", "2024-11-25"), (papers.GetProperty("clock").GetProperty("status").GetString(), papers.GetProperty("clock").GetProperty("dueDate").GetString()));
        var review = ew.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("type").GetString() == "NationalReview");
        Assert.Equal(JsonValueKind.Null, review.GetProperty("clock").ValueKind);

        // Scotland: Police Scotland without a warning, its own stage kinds, and no England & Wales clock at all.
        Assert.Equal("Scotland", scotland.GetProperty("jurisdiction").GetString());
        Assert.Equal("NotApplicable", scotland.GetProperty("caseClock").GetProperty("status").GetString());
        Assert.All(scotland.GetProperty("stages").EnumerateArray(), s => Assert.Equal("NotApplicable", s.GetProperty("clock").GetProperty("status").GetString()));
        Assert.Equal("running", Stage(scotland, "PircInvestigation").GetProperty("endState").GetString());
        Assert.Equal("NoFurtherAction", Stage(scotland, "CrownOfficeDecision").GetProperty("outcomeType").GetString());
        var decision = scotland.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("type").GetString() == "Decision");
        Assert.Equal(("Approaching", "2026-12-01"), (decision.GetProperty("clock").GetProperty("status").GetString(), decision.GetProperty("clock").GetProperty("dueDate").GetString()));
        Assert.Equal(JsonValueKind.Null, scotland.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("type").GetString() == "PapersToChair").GetProperty("clock").ValueKind);

        // Northern Ireland: closed with a date and a reason; the Police Ombudsman's stage has no England & Wales rule.
        Assert.Equal(("NorthernIreland", "Closed"), (ni.GetProperty("jurisdiction").GetString(), ni.GetProperty("status").GetString()));
        Assert.StartsWith("Closed on 1 Mar 2024", ni.GetProperty("statusText").GetString(), StringComparison.Ordinal);
        Assert.Equal("NotApplicable", Stage(ni, "PoliceOmbudsmanInvestigation").GetProperty("clock").GetProperty("status").GetString());

        // The Overdue page: the stalled English case is listed (from stored columns), the undated stage is not.
        using var analyst = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Analyst));
        var overdue = JsonDocument.Parse(await analyst.GetStringAsync("/api/v1/clocks/overdue?pageSize=100")).RootElement;
        Assert.Contains(overdue.GetProperty("stalled").EnumerateArray(), s => s.GetProperty("caseTitle").GetString() == $"{prefix} England");
        Assert.DoesNotContain(overdue.GetProperty("page").GetProperty("items").EnumerateArray(), i => i.GetProperty("stageId").ValueKind != JsonValueKind.Null && i.GetProperty("stageId").GetInt32() == iopc.GetProperty("id").GetInt32());
        // A Scottish case is listed only under Scotland's own rules (its judicial-review event clock), never an England & Wales one.
        Assert.All(
            overdue.GetProperty("page").GetProperty("items").EnumerateArray().Where(i => i.GetProperty("caseTitle").GetString()!.Contains("Scotland", StringComparison.Ordinal)),
            i => Assert.EndsWith("(Scotland)", i.GetProperty("clockName").GetString(), StringComparison.Ordinal));
        Assert.Contains(overdue.GetProperty("page").GetProperty("items").EnumerateArray(), i =>
            i.GetProperty("caseTitle").GetString() == $"{prefix} England" && i.GetProperty("clockName").GetString() == "Papers to chair → pre-hearing held (England & Wales)");

        // The duration report groups by outcome type: one row per type, the undated stage counted as an unknown date.
        var report = JsonDocument.Parse(await analyst.GetStringAsync($"/api/v1/reports/durations?groupBy=Outcome&text={prefix}")).RootElement;
        var keys = report.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Contains("Referred to prosecutor", keys);
        Assert.Contains("Not classified", keys);
        Assert.Contains("Acquitted", keys);
        Assert.Contains("No further action", keys);
        var referred = report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "Referred to prosecutor");
        Assert.Equal((1, 0), (referred.GetProperty("unknownDates").GetInt32(), referred.GetProperty("withDuration").GetInt32()));
    }

    [Fact]
    public async Task A_case_created_through_the_api_takes_a_jurisdiction_and_its_force()
    {
        using var client = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Caseworker));
        var body = ApiClient.CaseBody("Legal record API Scotland case");
        body["force"] = "Police Scotland";
        body["jurisdiction"] = "Scotland";
        body["incidentType"] = "NotRecorded";

        using var created = await client.PostAsync("/api/v1/cases", JsonContent.Create(body));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var stored = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        Assert.Equal(("Scotland", "NotRecorded", "NotApplicable"), (stored.GetProperty("jurisdiction").GetString(), stored.GetProperty("incidentType").GetString(), stored.GetProperty("caseClock").GetProperty("status").GetString()));

        body["title"] = "Legal record API wrong force";
        body["force"] = "Kent Police";
        using var refused = await client.PostAsync("/api/v1/cases", JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("force of Scotland", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An officer named without a cipher, and an event of theirs, through the API; a researcher may not write.
        using var caseworkerPages = await factory.CreateClientForAsync(Roles.Caseworker);
        var form = await Forms.GetAsync(caseworkerPages, $"/cases/{id}/officers/new");
        await Forms.PostAsync(caseworkerPages, $"/cases/{id}/officers/new", form, new() { ["RealName"] = "PC Named Only", ["NameIsPublic"] = "true" });
        var officerId = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("officers")[0].GetProperty("id").GetInt32();
        using var recorded = await client.PostAsync($"/api/v1/cases/{id}/officer-events", JsonContent.Create(new { officerId, kind = "Suspended", date = "2024-01", datePrecision = "Month" }));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        using var researcher = ApiClient.WithToken(factory, await ApiClient.IssueTokenAsync(factory, Roles.Researcher));
        var read = JsonDocument.Parse(await researcher.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("officerEvents")[0];
        Assert.Equal(("PC Named Only", "Suspended", true), (read.GetProperty("officer").GetString(), read.GetProperty("kind").GetString(), read.GetProperty("isRunning").GetBoolean()));
        using var refusedEvent = await researcher.PostAsync($"/api/v1/cases/{id}/officer-events", JsonContent.Create(new { officerId, kind = "Named", date = "2024-02-01" }));
        Assert.Equal(HttpStatusCode.Forbidden, refusedEvent.StatusCode);
    }

    private static List<CaseFileEntry> Cases(string prefix) =>
    [
        new()
        {
            Id = $"{prefix}-ew",
            Title = $"{prefix} England",
            IncidentDate = "2010-06-01",
            Force = "Metropolitan Police Service",
            IncidentType = "Shooting",
            Harm = "Fatal",
            Status = "awaiting",
            StatusNote = "gross misconduct hearing to be listed",
            ExpectedOn = "2025-01-01",
            Officers =
            [
                new CaseFileOfficer { Cipher = "E7", Name = "Anthony Long", NameStatus = "public", Notes = "named by the Old Bailey before his 2015 trial" },
                new CaseFileOfficer { Name = "PC Benjamin Monk", NameStatus = "public" },
                new CaseFileOfficer { Cipher = "B12", Name = "Sgt Restricted Name", NameStatus = "restricted", AnonymityOrderMadeOn = "2011-01-10" },
            ],
            Stages =
            [
                new CaseFileStage { Kind = "IopcInvestigation", Label = "IPCC investigation", StartDate = "2010-06-01", EndPrecision = "unknown", Outcome = "File passed to the CPS", OutcomeType = "ReferredToCps" },
                new CaseFileStage { Kind = "CpsDecision", Label = "CPS charging decision", StartDate = "2011-01-01", EndDate = "2011-06-30", Outcome = "Murder charge authorised" },
                new CaseFileStage { Kind = "CriminalTrial", Label = "Trial", StartDate = "2012-01-09", EndDate = "2012-02-01", Outcome = "Acquitted of murder", OutcomeType = "Acquitted" },
            ],
            Milestones =
            [
                new CaseFileMilestone { Label = "Papers supplied to the misconduct chair", Type = "PapersToChair", Date = "2024-11-04" },
                new CaseFileMilestone { Label = "Home Office accountability review launched", Type = "NationalReview", Date = "2023-09-24" },
            ],
            OfficerEvents =
            [
                new CaseFileOfficerEvent { Officer = "E7", Kind = "Suspended", Date = "2010-06-02", EndDate = "2012-03-01", Notes = "Suspension lifted after the acquittal" },
                new CaseFileOfficerEvent { Officer = "PC Benjamin Monk", Kind = "Arrested", Date = "2010-06-03" },
                new CaseFileOfficerEvent { Officer = "B12", Kind = "InterviewedUnderCaution", Date = "2010-07" },
            ],
        },
        new()
        {
            Id = $"{prefix}-scot",
            Title = $"{prefix} Scotland",
            IncidentDate = "2015-05-03",
            Force = "Police Scotland",
            Jurisdiction = "scotland",
            IncidentType = "DeathInOrAfterCustody",
            Harm = "Fatal",
            Category = "RoutinePolicing",
            Stages =
            [
                new CaseFileStage { Kind = "PircInvestigation", Label = "PIRC investigation", StartDate = "2015-05-03", EndPrecision = "running" },
                new CaseFileStage { Kind = "CrownOfficeDecision", Label = "Crown Office decision", StartDate = "2016-01", EndDate = "2018-10", OutcomeType = "NoFurtherAction" },
                new CaseFileStage { Kind = "PublicInquiry", Label = "Public inquiry", StartDate = "2020-11-30", EndPrecision = "running" },
            ],
            Milestones =
            [
                new CaseFileMilestone { Label = "Crown Office decision not to prosecute announced", Type = "Decision", Date = "2026-09-01" },
                new CaseFileMilestone { Label = "Papers to a chair (no Scottish rule)", Type = "PapersToChair", Date = "2024-11-04" },
            ],
        },
        new()
        {
            Id = $"{prefix}-ni",
            Title = $"{prefix} Northern Ireland",
            IncidentDate = "2019-02-01",
            Force = "Police Service of Northern Ireland",
            Jurisdiction = "northern_ireland",
            IncidentType = "Shooting",
            Harm = "SeriousInjury",
            Category = "OtherCriminalOperation",
            Status = "closed",
            StatusNote = "proceedings over: no prosecution, no misconduct",
            ClosedOn = "2024-03-01",
            OfficerDesignations = ["A1 (restricted name: Constable Hidden)"],
            Stages =
            [
                new CaseFileStage { Kind = "PoliceOmbudsmanInvestigation", Label = "Police Ombudsman investigation", StartDate = "2019-02-01", Outcome = "No misconduct found" },
            ],
        },
    ];

    private static JsonElement Stage(JsonElement found, string kind) =>
        found.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind);

    private static List<(string? Cipher, string? Name)> Officers(JsonElement found) =>
        [.. found.GetProperty("officers").EnumerateArray().Select(o => (o.GetProperty("cipher").GetString(), o.GetProperty("realName").GetString()))];

    private async Task<JsonElement> DryRunAsync(HttpClient client, string fileName, byte[] file)
    {
        using var started = await client.PostAsync("/api/v1/imports", ApiClient.FileContent(fileName, file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await ApiClient.WaitForStepsAsync(factory, jobId, 1);
        var preview = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        Assert.True(preview.GetProperty("canConfirm").GetBoolean(), preview.GetRawText());
        return preview;
    }

    private async Task CommitAsync(HttpClient client, int jobId)
    {
        using var committed = await client.PostAsync($"/api/v1/imports/{jobId}/commit", null);
        Assert.Equal(HttpStatusCode.Accepted, committed.StatusCode);
        await ApiClient.WaitForStepsAsync(factory, jobId, 2);
        var done = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/imports/{jobId}")).RootElement;
        Assert.Equal("Completed", done.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> CaseAsync(HttpClient client, string title)
    {
        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases?text={Uri.EscapeDataString(title)}")).RootElement;
        var id = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement;
    }
}
