using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// An example body for every write of the OpenAPI document, by action name. "version" is the concurrency token as last
/// read (GET /api/v1/cases/{id}): the case's for an addition to a case and for archive and restore, the record's own for
/// an edit or a stage action.
/// </summary>
public static class ApiExamples
{
    private const string CaseVersion = "3f0c6a52-8f0e-4a59-9b1e-2c7d5d0e9a11";
    private const string StageVersion = "9a71d2c4-5b3e-4f6a-8c2d-1e0f3a4b5c6d";

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["OpenCase"] = """{"title":"Death after restraint","subject":"not published","incidentDate":"2021-03","incidentPrecision":"Month","location":"Leeds","force":"West Yorkshire Police","incidentType":"Restraint","harm":"Fatal"}""",
        ["ReviseCase"] = """{"version":"3f0c6a52-8f0e-4a59-9b1e-2c7d5d0e9a11","title":"Death after restraint in custody","subject":"not published","incidentDate":"2021-03","incidentPrecision":"Month","location":"Leeds","force":"West Yorkshire Police","incidentType":"Restraint","harm":"Fatal"}""",
        ["SetStatus"] = """{"status":"Awaiting","note":"Inquest to be listed","expectedOn":"2027-03-01","version":"3f0c6a52-8f0e-4a59-9b1e-2c7d5d0e9a11"}""",
        ["ArchiveCase"] = $$"""{"version":"{{CaseVersion}}"}""",
        ["RestoreArchivedCase"] = $$"""{"version":"{{CaseVersion}}"}""",
        ["AddStage"] = $$"""{"version":"{{CaseVersion}}","kind":"IopcInvestigation","startDate":"2021-03-08","startPrecision":"Day","sourceUrl":"https://www.policeconduct.gov.uk/news/example","sourcePublisher":"IOPC","sourcePublishedOn":"2021-03-09"}""",
        ["ReviseStage"] = $$"""{"version":"{{StageVersion}}","kind":"IopcInvestigation","label":"IOPC independent investigation","startDate":"2021-03-08","startPrecision":"Day","ended":false}""",
        ["CloseRunningStage"] = $$"""{"version":"{{StageVersion}}","endDate":"2022-06","endPrecision":"Month","outcome":"File referred to the CPS"}""",
        ["PauseClock"] = $$"""{"version":"{{StageVersion}}","from":"2021-09-01","reason":"Suspended at the CPS's request pending the criminal trial"}""",
        ["ResumeClock"] = $$"""{"version":"{{StageVersion}}","on":"2022-01-10"}""",
        ["ExtendClock"] = $$"""{"version":"{{StageVersion}}","grantedOn":"2022-02-01","newAmount":18,"newUnit":"Months","reason":"Extended by the coroner: expert evidence outstanding"}""",
        ["AddMilestone"] = $$"""{"version":"{{CaseVersion}}","label":"Officer arrested","date":"2021-04-02","datePrecision":"Day","sourceUrl":"https://www.bbc.co.uk/news/example"}""",
        ["ReviseMilestone"] = """{"version":"5c2e1b0a-7d3f-4e8a-9b6c-0f1e2d3c4b5a","label":"Officer arrested on suspicion of manslaughter","date":"2021-04-02","datePrecision":"Day"}""",
        ["AddOfficer"] = $$"""{"version":"{{CaseVersion}}","cipher":"NX121","underAnonymityOrder":true}""",
        ["ReviseOfficer"] = """{"version":"0d4e5f6a-1b2c-4d3e-8f9a-7b6c5d4e3f2a","cipher":"NX121","realName":"","nameIsPublic":false,"underAnonymityOrder":true}""",
        ["RecordOfficerEvent"] = $$"""{"version":"{{CaseVersion}}","officerId":7,"kind":"Suspended","date":"2022-10-06","datePrecision":"Day","notes":"Suspended from duty while the IOPC investigates"}""",
        ["AddSource"] = $$"""{"version":"{{CaseVersion}}","attachTo":"stage-12","sourceUrl":"https://www.judiciary.uk/example","sourcePublisher":"Courts and Tribunals Judiciary","sourcePublishedOn":"2022-06-30"}""",
        ["ReviseSource"] = """{"version":"6e7f8a9b-0c1d-4e2f-a3b4-c5d6e7f8a9b0","attachTo":"","sourceUrl":"https://www.judiciary.uk/example","sourcePublisher":"Courts and Tribunals Judiciary"}""",
    };

    /// <summary>The action names that have an example (every JSON write of the API).</summary>
    public static IReadOnlyCollection<string> Actions => Bodies.Keys;

    /// <summary>Puts the example on the operation's JSON request body.</summary>
    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor is ControllerActionDescriptor action
            && Bodies.TryGetValue(action.ActionName, out var body)
            && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var json)
            && json is OpenApiMediaType media)
        {
            media.Example = JsonNode.Parse(body);
        }

        return Task.CompletedTask;
    }
}
