using System.Net;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Security;

/// <summary>
/// Every controller action and endpoint is checked against an explicit matrix of who may use it. A new action
/// without a row here fails the build's tests, so nothing ships unguarded by accident.
/// </summary>
public sealed class RoleMatrixTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private const string Anonymous = "anonymous";
    private const string NoRole = "no role";

    private static readonly string[] Callers = [Anonymous, NoRole, .. Roles.All];

    /// <summary>Who may do what. "Everyone" includes anonymous visitors; "Any" is any signed-in user, even with no role.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["Cases.Index GET"] = Readers(),
        ["Cases.Details GET"] = Readers(),
        ["CaseTimeline.Show GET"] = Readers(),
        ["Compare.Index GET"] = Readers(),
        ["Compare.Data GET"] = Readers(),
        ["Account.Login GET"] = Everyone(),
        ["Account.Login POST"] = Everyone(),
        ["Account.TwoFactor GET"] = Everyone(),
        ["Account.TwoFactor POST"] = Everyone(),
        ["Account.Logout POST"] = AnySignedIn(),
        ["Setup.Create GET"] = Everyone(),
        ["Setup.Create POST"] = Everyone(),
        ["Error.Show GET"] = Everyone(),
        ["Profile.Index GET"] = AnySignedIn(),
        ["Profile.EnableTwoFactor POST"] = AnySignedIn(),
        ["Profile.ChangePassword POST"] = AnySignedIn(),
        ["AdminUsers.Index GET"] = [Roles.Administrator],
        ["AdminUsers.Create GET"] = [Roles.Administrator],
        ["AdminUsers.Create POST"] = [Roles.Administrator],
        ["AdminUsers.SetRoles POST"] = [Roles.Administrator],
        ["AdminUsers.Lock POST"] = [Roles.Administrator],
        ["AdminUsers.Unlock POST"] = [Roles.Administrator],
        ["AdminUsers.ResetPassword POST"] = [Roles.Administrator],
        ["AdminUsers.Tokens GET"] = [Roles.Administrator],
        ["AdminUsers.RevokeToken POST"] = [Roles.Administrator],
        ["AdminAudit.Index GET"] = [Roles.Administrator],
        ["LimitRules.Index GET"] = [Roles.Administrator],
        ["LimitRules.Edit GET"] = [Roles.Administrator],
        ["LimitRules.Edit POST"] = [Roles.Administrator],
        ["Overdue.Index GET"] = Readers(),
        ["Reports.Durations GET"] = Reporters(),
        ["Reports.DurationsExport GET"] = Reporters(),
        ["Reports.StagesExport GET"] = Reporters(),
        ["Reports.DataDictionary GET"] = Reporters(),
        ["Reports.DataPackage GET"] = Reporters(),
        ["Scenarios.Index GET"] = Reporters(),
        ["Scenarios.Create GET"] = Reporters(),
        ["Scenarios.Create POST"] = Reporters(),
        ["Scenarios.Edit GET"] = Reporters(),
        ["Scenarios.Edit POST"] = Reporters(),
        ["Scenarios.Show GET"] = Reporters(),
        ["Scenarios.Export GET"] = Reporters(),
        ["Context.Index GET"] = Reporters(),
        ["Analysis.Contrasts GET"] = Reporters(),
        ["Analysis.ContrastsExport GET"] = Reporters(),
        ["Analysis.Burden GET"] = Reporters(),
        ["Analysis.BurdenExport GET"] = Reporters(),
        ["Context.Import POST"] = Reporters(),
        ["Context.Export GET"] = Reporters(),
        ["StageClocks.Show GET"] = Readers(),
        ["StageClocks.Resume POST"] = Editors(),
        ["StageClocks.Pause GET"] = Editors(),
        ["StageClocks.Pause POST"] = Editors(),
        ["StageClocks.Extend GET"] = Editors(),
        ["StageClocks.Extend POST"] = Editors(),
        ["Cases.History GET"] = Readers(),
        ["Cases.Create GET"] = Editors(),
        ["Cases.Create POST"] = Editors(),
        ["Cases.Edit GET"] = Editors(),
        ["Cases.Edit POST"] = Editors(),
        ["Cases.Status GET"] = Editors(),
        ["Cases.Status POST"] = Editors(),
        ["Cases.Archive POST"] = Editors(),
        ["Stages.Create GET"] = Editors(),
        ["Stages.Create POST"] = Editors(),
        ["Stages.Edit GET"] = Editors(),
        ["Stages.Edit POST"] = Editors(),
        ["Stages.Close GET"] = Editors(),
        ["Stages.Close POST"] = Editors(),
        ["Stages.Hearing GET"] = Editors(),
        ["Stages.Hearing POST"] = Editors(),
        ["Outcomes.Index GET"] = Editors(),
        ["Outcomes.Confirm POST"] = Editors(),
        ["Milestones.Create GET"] = Editors(),
        ["Milestones.Create POST"] = Editors(),
        ["Milestones.Edit GET"] = Editors(),
        ["Milestones.Edit POST"] = Editors(),
        ["Officers.Create GET"] = Editors(),
        ["Officers.Create POST"] = Editors(),
        ["Officers.Edit GET"] = Editors(),
        ["Officers.Edit POST"] = Editors(),
        ["OfficerEvents.Create GET"] = Editors(),
        ["OfficerEvents.Create POST"] = Editors(),
        ["OfficerEvents.Edit GET"] = Editors(),
        ["OfficerEvents.Edit POST"] = Editors(),
        ["OfficerEvents.Remove POST"] = Editors(),
        ["Sources.Create GET"] = Editors(),
        ["Sources.Create POST"] = Editors(),
        ["Sources.Edit GET"] = Editors(),
        ["Sources.Edit POST"] = Editors(),
        ["AdminArchive.Index GET"] = [Roles.Administrator],
        ["AdminArchive.Restore POST"] = [Roles.Administrator],
        ["AdminBackup.Index GET"] = [Roles.Administrator],
        ["AdminBackup.Create POST"] = [Roles.Administrator],
        ["Import.Index GET"] = Editors(),
        ["Import.Upload POST"] = Editors(),
        ["Import.Show GET"] = Editors(),
        ["Import.Confirm POST"] = Editors(),
        ["Import.Template GET"] = Editors(),
        ["Profile.Tokens GET"] = AnySignedIn(),
        ["Docs.Show GET"] = AnySignedIn(),
        ["Profile.CreateToken POST"] = AnySignedIn(),
        ["Profile.RevokeToken POST"] = AnySignedIn(),
        ["Api.Cases.List GET"] = Readers(),
        ["Api.Cases.Get GET"] = Readers(),
        ["Api.Cases.StageClock GET"] = Readers(),
        ["Api.Clocks.Overdue GET"] = Readers(),
        ["Api.Imports.Start POST"] = Editors(),
        ["Api.Imports.Get GET"] = Editors(),
        ["Api.Imports.Commit POST"] = Editors(),
        ["Api.Cases.OpenCase POST"] = Editors(),
        ["Api.Cases.ReviseCase PUT"] = Editors(),
        ["Api.Cases.ArchiveCase POST"] = Editors(),
        ["Api.Cases.SetStatus PUT"] = Editors(),
        ["Api.Cases.RestoreArchivedCase POST"] = [Roles.Administrator],
        ["Api.CaseParts.AddStage POST"] = Editors(),
        ["Api.CaseParts.ReviseStage PUT"] = Editors(),
        ["Api.CaseParts.CloseRunningStage POST"] = Editors(),
        ["Api.CaseParts.PauseClock POST"] = Editors(),
        ["Api.CaseParts.ResumeClock POST"] = Editors(),
        ["Api.CaseParts.ExtendClock POST"] = Editors(),
        ["Api.CaseParts.AddMilestone POST"] = Editors(),
        ["Api.CaseParts.ReviseMilestone PUT"] = Editors(),
        ["Api.CaseParts.AddOfficer POST"] = Editors(),
        ["Api.CaseParts.ReviseOfficer PUT"] = Editors(),
        ["Api.CaseParts.AddSource POST"] = Editors(),
        ["Api.CaseParts.ReviseSource PUT"] = Editors(),
        ["Api.Cases.RecordOfficerEvent POST"] = Editors(),
        ["Api.Reports.DurationReport GET"] = Reporters(),
        ["Api.Reports.ExportDurationFigures GET"] = Reporters(),
        ["Api.Reports.ExportStageRows GET"] = Reporters(),
        ["Api.Reports.ExportDataDictionary GET"] = Reporters(),
        ["Api.Reports.ExportDataPackage GET"] = Reporters(),
        ["Api.Reports.ScenarioReport GET"] = Reporters(),
        ["Api.Reports.ExportScenario GET"] = Reporters(),
        ["Api.Reports.ContextReport GET"] = Reporters(),
        ["Api.Reports.OutcomeContrasts GET"] = Reporters(),
        ["Api.Reports.OfficerBurden GET"] = Reporters(),
        ["Api.Reports.ExportAnalysis GET"] = Reporters(),
        ["Api.Reports.ExportContext GET"] = Reporters(),
        ["Notifications.Index GET"] = Readers(),
        ["Notifications.Read POST"] = Readers(),
        ["Notifications.Open POST"] = Readers(),
        ["Notifications.ReadAll POST"] = Readers(),
        ["Notifications.MyCases GET"] = Readers(),
        ["Notifications.Follow POST"] = Readers(),
        ["Notifications.Unfollow POST"] = Readers(),
        ["Notifications.Settings GET"] = Readers(),
        ["Notifications.Digest POST"] = Readers(),
        ["Notifications.RenewFeed POST"] = Readers(),
        ["Notifications.RevokeFeed POST"] = Readers(),
        ["CalendarFeed.Feed GET"] = Everyone(), // the secret in the URL is the credential
    };

    /// <summary>Status an allowed GET answers with when it is not 200 by design.</summary>
    private static readonly Dictionary<string, HttpStatusCode> AllowedStatus = new(StringComparer.Ordinal)
    {
        ["Error.Show GET"] = HttpStatusCode.NotFound,
        ["Setup.Create GET"] = HttpStatusCode.NotFound, // a made-up link says at once that it does not work
        ["CalendarFeed.Feed GET"] = HttpStatusCode.NotFound, // likewise a made-up feed secret
        ["Scenarios.Edit GET"] = HttpStatusCode.NotFound, // no scenario is saved in the matrix's database
        ["Scenarios.Show GET"] = HttpStatusCode.NotFound,
        ["Scenarios.Export GET"] = HttpStatusCode.NotFound,
        ["Api.Reports.ScenarioReport GET"] = HttpStatusCode.NotFound,
        ["Api.Reports.ExportScenario GET"] = HttpStatusCode.NotFound,
    };

    [Fact]
    public void Every_action_has_a_row_in_the_matrix_and_every_row_an_action()
    {
        var actions = Actions().Select(a => a.Key).ToList();

        Assert.Empty(actions.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(actions));
    }

    [Fact]
    public async Task Each_caller_gets_exactly_what_the_matrix_allows()
    {
        await factory.EnsureTestUsersAsync();
        var parts = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var inquest = await db.Stages.FirstAsync(st => st.Case.ExternalId == "chris-kaba-2022" && st.Kind == StageKind.Inquest && !st.HasEnded);
            var caseId = inquest.CaseId;
            if (!await db.OfficerEvents.AnyAsync(e => e.CaseId == caseId && !e.IsRemoved))
            {
                var owner = await db.Cases.Include(c => c.Officers).SingleAsync(c => c.Id == caseId);
                owner.AddOfficerEvent(owner.Officers.First(), OfficerEventKind.Suspended, AccountabilityTracker.Domain.Dates.PartialDate.OnDay(2022, 9, 10), null, null, factory.Time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync();
            }

            return new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["{eventId:int}"] = await db.OfficerEvents.Where(x => x.CaseId == caseId && !x.IsRemoved).Select(x => x.Id).FirstAsync(),
                ["{id:int}"] = caseId,
                ["{caseId:int}"] = caseId,
                ["{stageId:int}"] = inquest.Id,
                ["{milestoneId:int}"] = await db.Milestones.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(),
                ["{officerId:int}"] = await db.Officers.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(),
                ["{sourceId:int}"] = await db.Sources.Where(x => x.CaseId == caseId).Select(x => x.Id).FirstAsync(),
                ["{tokenId:int}"] = 1,
                ["{id:long}"] = 1,
            };
        });
        var userId = await factory.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<TrackerUser>>().FindByEmailAsync(TestUsers.EmailFor(null)))!.Id);
        var importJobId = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var job = new ImportJob("matrix.json", ImportFormat.Json, 2, "matrix", factory.Time.GetUtcNow().UtcDateTime);
            db.ImportJobs.Add(job);
            db.ImportJobContents.Add(new ImportJobContent(job, "[]"u8.ToArray()));
            await db.SaveChangesAsync();
            return job.Id;
        });
        var failures = new List<string>();

        foreach (var caller in Callers)
        {
            // One signed-in client per caller is safe: POSTs carry no token, so none of them (sign-out included) runs.
            using var client = caller == Anonymous ? factory.CreateAnonymousClient() : await factory.CreateClientForAsync(caller == NoRole ? null : caller);
            foreach (var (key, method, template) in Actions())
            {
                var isApi = key.StartsWith("Api.", StringComparison.Ordinal);
                var routeValues = key.StartsWith("Import.", StringComparison.Ordinal) || key.StartsWith("Api.Imports.", StringComparison.Ordinal)
                    ? new Dictionary<string, int>(parts, StringComparer.Ordinal) { ["{id:int}"] = importJobId }
                    : parts;
                var path = "/" + routeValues.Aggregate(template, (t, part) => t.Replace(part.Key, part.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    .Replace("{key}", "Inquest", StringComparison.Ordinal)
                    .Replace("{page}", "time-limits", StringComparison.Ordinal)
                    .Replace("{format:regex(^(csv|xlsx|json)$)}", "csv", StringComparison.Ordinal)
                    .Replace("{table:regex(^(limits|groups|stages)$)}", "limits", StringComparison.Ordinal)
                    .Replace("{report:regex(^(contrasts|burden)$)}", "burden", StringComparison.Ordinal)
                    .Replace("{id}", userId, StringComparison.Ordinal)
                    .Replace("{token}", "not-a-real-token", StringComparison.Ordinal)
                    .Replace("{statusCode:int?}", "404", StringComparison.Ordinal);

                // POSTs and PUTs go without an antiforgery token: authorization runs first, so an allowed caller gets 400
                // from the antiforgery check and nothing runs, while a refused one gets 403 or the sign-in redirect.
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new FormUrlEncodedContent([]) };
                using var response = await client.SendAsync(request);
                var allowed = Matrix[key].Contains(caller) || (caller != Anonymous && Matrix[key].Contains(NoRole));
                // The API never redirects: an anonymous call gets 401 (a script cannot follow a sign-in page).
                var expected = !allowed
                    ? (caller == Anonymous ? (isApi ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect) : HttpStatusCode.Forbidden)
                    : method == "GET" ? AllowedStatus.GetValueOrDefault(key, HttpStatusCode.OK) : HttpStatusCode.BadRequest;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{caller} {method} {path} ({key}): expected {(int)expected}, got {(int)response.StatusCode}");
                }
                else if (!allowed && caller == Anonymous && !isApi && response.Headers.Location?.AbsolutePath != "/account/login")
                {
                    failures.Add($"{caller} {method} {path}: redirected to {response.Headers.Location} instead of sign-in");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_anonymous_callers(string path)
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string[] Readers() => [.. Roles.All];

    private static string[] Reporters() => [Roles.Administrator, Roles.Analyst];

    private static string[] Editors() => [Roles.Administrator, Roles.Caseworker];

    private static string[] Everyone() => [.. Callers];

    private static string[] AnySignedIn() => [NoRole, .. Roles.All];

    private List<(string Key, string Method, string Template)> Actions()
    {
        var provider = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>();
        return provider.ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .SelectMany(a =>
            {
                var methods = a.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];
                // API controllers share names with page controllers (Cases): their rows start with "Api.".
                var prefix = a.ControllerTypeInfo.IsDefined(typeof(ApiControllerAttribute), inherit: true) ? "Api." : string.Empty;
                return (methods.Count == 0 ? ["GET"] : methods).Select(m => ($"{prefix}{a.ControllerName}.{a.ActionName} {m}", m, a.AttributeRouteInfo?.Template ?? string.Empty));
            })
            .DistinctBy(a => a.Item1)
            .ToList();
    }
}
