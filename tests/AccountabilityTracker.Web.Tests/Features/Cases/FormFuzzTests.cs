using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Cases;

/// <summary>
/// Posts hostile and malformed values into every field of every form of the app: never a 500, nothing stored when the
/// form is refused, and whatever is stored comes back encoded. The forms are enumerated from the app itself (every page
/// POST that binds anything besides ids from its route), so a new form without a case here fails
/// <see cref="Every_form_of_the_app_has_a_fuzz_case"/>; one theory case per form, so a failure names its form.
/// </summary>
public sealed partial class FormFuzzTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    private const string Script = HostileValues.Script;

    private static readonly IReadOnlyList<string> Hostile = HostileValues.All;

    /// <summary>Every form of the app by its action ("Controller.Action POST"), the way the role matrix names actions.</summary>
    private static readonly string[] FormNames =
    [
        "Cases.Create POST", "Cases.Edit POST", "Cases.Status POST", "Stages.Create POST", "Stages.Edit POST", "Stages.Close POST", "Stages.Hearing POST", "Outcomes.Confirm POST",
        "Milestones.Create POST", "Milestones.Edit POST", "Officers.Create POST", "Officers.Edit POST",
        "OfficerEvents.Create POST", "OfficerEvents.Edit POST", "OfficerEvents.Remove POST", "Sources.Create POST", "Sources.Edit POST",
        "StageClocks.Pause POST", "StageClocks.Resume POST", "StageClocks.Extend POST", "Notifications.Digest POST",
        "LimitRules.Edit POST", "Profile.EnableTwoFactor POST", "Profile.CreateToken POST", "Profile.ChangePassword POST", "Import.Upload POST",
        "AdminUsers.Create POST", "AdminUsers.SetRoles POST", "AdminUsers.ResetPassword POST", "Setup.Create POST", "Account.Login POST",
        "Account.TwoFactor POST", "Scenarios.Create POST", "Scenarios.Edit POST", "Context.Import POST",
    ];

    public static TheoryData<string> AllForms() => new(FormNames);

    [Fact]
    public void Every_form_of_the_app_has_a_fuzz_case()
    {
        var forms = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => !a.ControllerTypeInfo.IsDefined(typeof(ApiControllerAttribute), inherit: true))
            .Where(a => a.ActionConstraints?.OfType<HttpMethodActionConstraint>().Any(c => c.HttpMethods.Contains("POST")) == true)
            .Where(a => a.Parameters.Any(p => p.ParameterType != typeof(CancellationToken)
                && p.BindingInfo?.BindingSource != BindingSource.Path
                && a.AttributeRouteInfo?.Template?.Contains("{" + p.Name, StringComparison.Ordinal) != true))
            .Select(a => $"{a.ControllerName}.{a.ActionName} POST")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(forms, FormNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public async Task Hostile_input_to_a_form_never_fails_never_stores_a_refusal_and_is_shown_encoded(string form)
    {
        var forms = await FormsAsync();
        Assert.True(forms.TryGetValue(form, out var target), $"{form} has no fuzz case: add its path and valid fields to FormsAsync.");
        using var client = await target.ClientAsync();
        var token = await Forms.GetAsync(client, target.TokenFrom);

        var failures = new List<string>();
        foreach (var field in target.Fields.Keys.Append("Version").Append("Opened").Append("CaseId").Distinct())
        {
            foreach (var value in Hostile)
            {
                var fields = new Dictionary<string, string>(target.Fields);
                if (target.VersionFrom is not null)
                {
                    var opened = await Forms.GetAsync(client, target.VersionFrom);
                    fields["Version"] = CaseLoggingPagesTests.VersionIn(opened);
                    fields["Opened"] = CaseLoggingPagesTests.OpenedIn(opened);
                }

                fields[field] = value;
                var before = await SnapshotAsync();
                using var response = target.Multipart ? await PostFileAsync(client, target.Path, token, fields) : await Forms.PostAsync(client, target.Path, token, fields);
                var body = await response.Content.ReadAsStringAsync();
                var label = $"{target.Path} {field}={Shorten(value)}";
                var accepted = response.StatusCode == HttpStatusCode.Redirect || target.AcceptedPage?.Invoke(body) == true;
                var refused = !accepted && (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest || target.AlsoRefusedWith == response.StatusCode);
                if (!accepted && !refused)
                {
                    failures.Add($"{label}: {(int)response.StatusCode}");
                }
                else if (refused && await SnapshotAsync() != before)
                {
                    failures.Add($"{label}: refused, but something was stored");
                }
                else if (response.StatusCode == HttpStatusCode.OK && (body.Contains(Script, StringComparison.Ordinal) || body.Contains("<img src=x", StringComparison.Ordinal)))
                {
                    failures.Add($"{label}: the value came back unencoded");
                }
            }
        }

        foreach (var path in target.ShownOn)
        {
            var html = await Forms.GetAsync(client, path);
            if (html.Contains(Script, StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
            {
                failures.Add($"{path} shows a stored value unencoded");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Hostile text that is fine to keep (a title with markup) was stored, and is shown as text.
        if (form == "Cases.Edit POST")
        {
            var history = await Forms.GetAsync(client, $"{target.Path[..target.Path.LastIndexOf('/')]}/history");
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", history, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every form with a valid filling. Case forms act on a fresh case of a caseworker's; the profile forms on a user of
    /// their own (a fuzzed password change must not lock the shared test users out); the sign-in and set-up forms anonymously.
    /// </summary>
    private async Task<Dictionary<string, FormCase>> FormsAsync()
    {
        using var caseworker = await factory.CreateClientForAsync(Roles.Caseworker);
        var caseId = await CaseLoggingPagesTests.CreateCaseAsync(caseworker, "Fuzz target");
        var token = await Forms.GetAsync(caseworker, "/cases/new");
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/stages/new", token, new() { ["Kind"] = "Inquest", ["StartDate"] = "2023-05", ["StartPrecision"] = "Month", ["SourceUrl"] = "https://example.org/inquest" });
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/milestones/new", token, new() { ["Label"] = "Officer arrested", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day" });
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/officers/new", token, new() { ["Cipher"] = "C12" });
        var (stageId, milestoneId, officerId, sourceId) = await factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return (await db.Stages.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(), await db.Milestones.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(),
                await db.Officers.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync(), await db.Sources.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync());
        });
        var stageVersion = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Stages.Where(x => x.Id == stageId).Select(x => x.Version).SingleAsync());
        var officerEvent = new Dictionary<string, string>
        {
            ["OfficerId"] = officerId.ToString(CultureInfo.InvariantCulture), ["Kind"] = "Suspended", ["Date"] = "2023-05-03", ["DatePrecision"] = "Day", ["Ended"] = "false", ["EndDate"] = "", ["EndPrecision"] = "Day", ["Notes"] = "",
        };
        await Forms.PostAsync(caseworker, $"/cases/{caseId}/officer-events/new", token, officerEvent);
        var officerEventId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().OfficerEvents.Where(x => x.CaseId == caseId).Select(x => x.Id).SingleAsync());
        var fuzzUser = await CreateUserAsync(Roles.Caseworker);
        using var analyst = await factory.CreateClientForAsync(Roles.Analyst);
        var scenario = new Dictionary<string, string>
        {
            ["Name"] = $"Fuzz scenario {Guid.NewGuid():N}", ["Description"] = "CPS at three months", ["OverallCapMonths"] = "60",
            ["Limits[0].Kind"] = "CpsDecision", ["Limits[0].Amount"] = "3", ["Limits[0].Unit"] = "Months",
        };
        await Forms.PostAsync(analyst, "/analysis/scenarios/new", await Forms.GetAsync(analyst, "/analysis/scenarios/new"), scenario);
        var scenarioId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().LimitScenarios.Where(x => x.Name == scenario["Name"]).Select(x => x.Id).SingleAsync());
        FormCase Analysis(string path, Dictionary<string, string> fields, string tokenFrom, string? versionFrom = null) =>
            new(path, fields, () => factory.CreateClientForAsync(Roles.Analyst)) { TokenFrom = tokenFrom, VersionFrom = versionFrom, ShownOn = ["/analysis/scenarios", "/analysis/context"] };
        var fuzzUserId = await factory.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<TrackerUser>>().FindByEmailAsync(fuzzUser))!.Id);

        var stage = new Dictionary<string, string> { ["Kind"] = "Inquest", ["Label"] = "Inquest", ["StartDate"] = "2023-05", ["StartPrecision"] = "Month", ["Ended"] = "false", ["EndDate"] = "", ["EndPrecision"] = "Day", ["Outcome"] = "", ["Notes"] = "" };
        var source = new Dictionary<string, string> { ["SourceUrl"] = "https://example.org/page", ["SourcePublisher"] = "Example", ["SourcePublishedOn"] = "2023-05-03", ["SourceQuote"] = "quoted" };
        var milestone = new Dictionary<string, string> { ["Label"] = "Officer arrested", ["Date"] = "2023-05-02", ["DatePrecision"] = "Day", ["Notes"] = "" };
        var officer = new Dictionary<string, string> { ["Cipher"] = "C12", ["RealName"] = "", ["UnderAnonymityOrder"] = "true", ["PubliclyNamedOn"] = "" };
        string[] casePages = ["/cases", $"/cases/{caseId}", $"/cases/{caseId}/history", $"/cases/{caseId}/edit", $"/cases/{caseId}/stages/{stageId}/edit", $"/cases/{caseId}/sources/{sourceId}/edit"];
        FormCase Case(string path, Dictionary<string, string> fields, string? versionFrom = null) =>
            new(path, fields, () => factory.CreateClientForAsync(Roles.Caseworker)) { VersionFrom = versionFrom, ShownOn = casePages };
        FormCase Admin(string path, Dictionary<string, string> fields, string tokenFrom, string? versionFrom = null) =>
            new(path, fields, () => factory.CreateClientForAsync(Roles.Administrator)) { TokenFrom = tokenFrom, VersionFrom = versionFrom, ShownOn = [tokenFrom] };
        FormCase Own(string path, Dictionary<string, string> fields, string tokenFrom) =>
            new(path, fields, () => SignedInAsync(fuzzUser)) { TokenFrom = tokenFrom, ShownOn = [tokenFrom] };
        FormCase Anonymous(string path, Dictionary<string, string> fields, string tokenFrom) =>
            new(path, fields, () => Task.FromResult(factory.CreateAnonymousClient())) { TokenFrom = tokenFrom };

        return new(StringComparer.Ordinal)
        {
            ["Cases.Create POST"] = Case("/cases/new", CaseLoggingPagesTests.ValidCase("Fuzz new")),
            ["Cases.Edit POST"] = Case($"/cases/{caseId}/edit", With(CaseLoggingPagesTests.ValidCase("Fuzz target"), new() { ["IncidentTime"] = "", ["Summary"] = "", ["ConfidentialNotes"] = "" }), $"/cases/{caseId}/edit"),
            ["Cases.Status POST"] = Case($"/cases/{caseId}/status", new() { ["Status"] = "Awaiting", ["Note"] = "Hearing to be listed", ["ExpectedOn"] = "2027-01-04", ["ClosedOn"] = "" }, $"/cases/{caseId}/status"),
            ["Stages.Create POST"] = Case($"/cases/{caseId}/stages/new", With(stage, source)),
            ["Stages.Edit POST"] = Case($"/cases/{caseId}/stages/{stageId}/edit", stage, $"/cases/{caseId}/stages/{stageId}/edit"),
            ["Stages.Close POST"] = Case($"/cases/{caseId}/stages/{stageId}/close", new() { ["EndDate"] = "2024-02", ["EndPrecision"] = "Month", ["Outcome"] = "Unlawful killing" }, $"/cases/{caseId}/stages/{stageId}/close"),
            ["Stages.Hearing POST"] = Case($"/cases/{caseId}/stages/{stageId}/hearing", new() { ["HearingDate"] = "2024-03-01", ["Outcome"] = "Adjourned", ["StageEnded"] = "false", ["NextStep"] = "Trial", ["NextDate"] = "2027-01-04" }, $"/cases/{caseId}/stages/{stageId}/hearing"),
            ["Outcomes.Confirm POST"] = Case($"/outcomes-to-confirm/{caseId}/stages/{stageId}", new() { ["OutcomeType"] = "Other", ["Version"] = stageVersion.ToString() }),
            ["Milestones.Create POST"] = Case($"/cases/{caseId}/milestones/new", With(milestone, source)),
            ["Milestones.Edit POST"] = Case($"/cases/{caseId}/milestones/{milestoneId}/edit", milestone, $"/cases/{caseId}/milestones/{milestoneId}/edit"),
            ["Officers.Create POST"] = Case($"/cases/{caseId}/officers/new", With(officer, new() { ["Cipher"] = "D4" })),
            ["Officers.Edit POST"] = Case($"/cases/{caseId}/officers/{officerId}/edit", officer, $"/cases/{caseId}/officers/{officerId}/edit"),
            ["OfficerEvents.Create POST"] = Case($"/cases/{caseId}/officer-events/new", officerEvent),
            ["OfficerEvents.Edit POST"] = Case($"/cases/{caseId}/officer-events/{officerEventId}/edit", officerEvent, $"/cases/{caseId}/officer-events/{officerEventId}/edit"),
            // No version read first: a valid removal would leave nothing to remove for the next hostile value.
            ["OfficerEvents.Remove POST"] = Case($"/cases/{caseId}/officer-events/{officerEventId}/remove", []),
            ["StageClocks.Pause POST"] = Case($"/cases/{caseId}/stages/{stageId}/pauses/new", new() { ["Form.From"] = "2023-06-01", ["Form.To"] = "", ["Form.Reason"] = "Awaiting the trial" }),
            ["StageClocks.Resume POST"] = Case($"/cases/{caseId}/stages/{stageId}/resume", new() { ["Form.On"] = "2023-07-01" }),
            ["StageClocks.Extend POST"] = Case($"/cases/{caseId}/stages/{stageId}/extensions/new", new() { ["Form.GrantedOn"] = "2023-06-01", ["Form.NewAmount"] = "12", ["Form.NewUnit"] = "Months", ["Form.Reason"] = "Granted by the coroner" }),
            ["Sources.Create POST"] = Case($"/cases/{caseId}/sources/new", With(source, new() { ["AttachTo"] = $"stage-{stageId}" })),
            ["Sources.Edit POST"] = Case($"/cases/{caseId}/sources/{sourceId}/edit", With(source, new() { ["AttachTo"] = "" }), $"/cases/{caseId}/sources/{sourceId}/edit"),
            ["Notifications.Digest POST"] = Case("/profile/notifications/digest", new() { ["Enabled"] = "true", ["Hour"] = "7", ["OnlyWhenChanged"] = "true" }),
            ["LimitRules.Edit POST"] = Admin(
                "/admin/limits/Inquest",
                new() { ["IsEnabled"] = "true", ["Amount"] = "12", ["Unit"] = "Months", ["Anchor"] = "StageStart", ["WarningPercent"] = "80", ["FirstReportAfterMonths"] = "", ["ReportEveryMonths"] = "", ["LegalSource"] = "Coroners (Inquests) Rules 2013", ["IsStatutory"] = "false" },
                "/admin/limits/Inquest",
                versionFrom: "/admin/limits/Inquest"),
            ["Profile.EnableTwoFactor POST"] = Own("/profile/two-factor", new() { ["Code"] = "000000" }, "/profile"),
            ["Profile.CreateToken POST"] = Own("/profile/tokens", new() { ["Name"] = "fuzz token", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password }, "/profile/tokens") with
            {
                AcceptedPage = html => html.Contains("value=\"atk_", StringComparison.Ordinal),
            },
            ["Profile.ChangePassword POST"] = Own("/profile/password", new() { ["CurrentPassword"] = "not the password", ["Password"] = "a new long enough password" }, "/profile"),
            ["Import.Upload POST"] = Case("/import", new() { ["file"] = "[]", ["fileName"] = "cases.json" }) with { TokenFrom = "/import", Multipart = true, ShownOn = ["/import"] },
            ["AdminUsers.Create POST"] = Admin("/admin/users/new", new() { ["Email"] = "fuzz-new@tracker.test", ["DisplayName"] = "Fuzz", ["Password"] = "a long enough password", ["Roles"] = Roles.Researcher }, "/admin/users"),
            ["AdminUsers.SetRoles POST"] = Admin($"/admin/users/{fuzzUserId}/roles", new() { ["roles"] = Roles.Caseworker }, "/admin/users"),
            ["AdminUsers.ResetPassword POST"] = Admin($"/admin/users/{fuzzUserId}/password", new() { ["password"] = "short" }, "/admin/users"),
            ["Setup.Create POST"] = Anonymous("/setup/not-a-real-link", new() { ["Email"] = "first@tracker.test", ["DisplayName"] = "First", ["Password"] = "a long enough password" }, "/account/login") with
            {
                AlsoRefusedWith = HttpStatusCode.NotFound, // the link is not one: "this link does not work", nothing created
            },
            ["Account.Login POST"] = Anonymous("/account/login", new() { ["Email"] = "nobody@tracker.test", ["Password"] = "not the password", ["ReturnUrl"] = "/cases" }, "/account/login"),
            ["Scenarios.Create POST"] = Analysis("/analysis/scenarios/new", With(scenario, new() { ["Name"] = "Fuzz new scenario" }), "/analysis/scenarios/new"),
            ["Scenarios.Edit POST"] = Analysis($"/analysis/scenarios/{scenarioId}/edit", scenario, $"/analysis/scenarios/{scenarioId}/edit", versionFrom: $"/analysis/scenarios/{scenarioId}/edit"),
            ["Context.Import POST"] = Analysis(
                "/analysis/context",
                new()
                {
                    ["file"] = "area,year_ending,period_note,measure,value,qualifier,source_url,publisher,published,wording,note\r\nKent Police,2020-03-31,,firearms_operations,500,Exact,https://example.org/kent,Kent Police,2020-07,Kent carried out 500 firearms operations,\r\n",
                    ["fileName"] = "figures.csv",
                },
                "/analysis/context") with { Multipart = true },
            ["Account.TwoFactor POST"] = Anonymous("/account/two-factor", new() { ["Code"] = "000000", ["ReturnUrl"] = "/cases" }, "/account/login"),
        };
    }

    private async Task<string> CreateUserAsync(string role)
    {
        await factory.EnsureTestUsersAsync();
        var email = $"fuzz-{Guid.NewGuid():N}@tracker.test";
        await factory.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<TrackerUser>>();
            var user = new TrackerUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Fuzz user" };
            Assert.True((await users.CreateAsync(user, TrackerAppFactory.Password)).Succeeded);
            await users.AddToRoleAsync(user, role);
            return true;
        });
        return email;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateAnonymousClient();
        await TrackerAppFactory.SignInAsync(client, email, TrackerAppFactory.Password);
        return client;
    }

    /// <summary>The import form: the "file" field is the file's content and "fileName" its name.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string path, string pageWithForm, Dictionary<string, string> fields)
    {
        using var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(fields["file"]));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fields["fileName"] };
        using var form = new MultipartFormDataContent { { new StringContent(Forms.Token(pageWithForm)), Forms.TokenField }, file };
        foreach (var (name, value) in fields.Where(f => f.Key is not ("file" or "fileName")))
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(path, form);
    }

    private sealed record FormCase(string Path, Dictionary<string, string> Fields, Func<Task<HttpClient>> ClientAsync)
    {
        /// <summary>The page whose antiforgery token the post carries.</summary>
        public string TokenFrom { get; init; } = "/cases/new";

        /// <summary>The edit page the version and opened values come from, for an edit form.</summary>
        public string? VersionFrom { get; init; }

        /// <summary>Pages that show what the form stores: they must show it encoded.</summary>
        public IReadOnlyList<string> ShownOn { get; init; } = [];

        public bool Multipart { get; init; }

        /// <summary>A form that answers a save with a page rather than a redirect (a new token is shown once).</summary>
        public Func<string, bool>? AcceptedPage { get; init; }

        public HttpStatusCode? AlsoRefusedWith { get; init; }
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

    /// <summary>
    /// Every change writes history, so an unchanged history count (and row counts) means nothing was stored; users, their
    /// security stamps (a role or password change renews it), tokens, import jobs and rule versions cover the other forms.
    /// </summary>
    private Task<string> SnapshotAsync() =>
        factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            var counts = string.Join(",", await db.Cases.CountAsync(), await db.Stages.CountAsync(), await db.Milestones.CountAsync(), await db.Officers.CountAsync(),
                await db.Sources.CountAsync(), await db.CaseHistory.CountAsync(), await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.PersonalAccessTokens.CountAsync(),
                await db.ImportJobs.CountAsync());
            var stamps = string.Join(",", (await db.Users.Select(u => u.SecurityStamp).ToListAsync()).Order(StringComparer.Ordinal));
            var rules = string.Join(",", (await db.LimitRules.Select(r => r.Version).ToListAsync()).Order());
            return $"{counts}|{stamps}|{rules}";
        });

    private static Dictionary<string, string> With(Dictionary<string, string> fields, Dictionary<string, string> more) =>
        fields.Concat(more).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    private static string Shorten(string value) =>
        Controls().Replace(value.Length > 30 ? value[..30] + "…" : value, m => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)m.Value[0]:X4}"));

    [GeneratedRegex("[\\u0000-\\u001F\\u202E\\uFEFF]")]
    private static partial Regex Controls();
}
