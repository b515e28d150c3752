using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AccountabilityTracker.Web.Tests.Security;

/// <summary>Issue 18, findings 3, 5, 6, 10, 11, 12, 13: what a deployment starts with.</summary>
public sealed class DeploymentDefaultsTests(TrackerAppFactory factory) : IClassFixture<TrackerAppFactory>
{
    [Theory]
    [InlineData("http://localhost:5279")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("https://[::1]:5001;http://localhost:5000")]
    public void Development_may_listen_on_loopback(string urls) =>
        DeploymentGuards.EnsureDevelopmentIsLoopbackOnly(Configuration(new() { ["urls"] = urls }), Environment(Environments.Development));

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5279")]
    [InlineData("urls", "http://*:5279")]
    [InlineData("urls", "http://+:80")]
    [InlineData("urls", "http://[::]:80")]
    [InlineData("urls", "http://localhost:5000;http://192.168.1.20:5000")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://tracker.example:80")]
    public void Development_refuses_every_other_address(string key, string value)
    {
        var refused = Assert.Throws<StartupConfigurationException>(() =>
            DeploymentGuards.EnsureDevelopmentIsLoopbackOnly(Configuration(new() { [key] = value }), Environment(Environments.Development)));

        Assert.Contains("loopback only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_may_listen_anywhere() =>
        DeploymentGuards.EnsureDevelopmentIsLoopbackOnly(Configuration(new() { ["urls"] = "http://0.0.0.0:80" }), Environment(Environments.Production));

    [Fact]
    public async Task Signed_in_answers_are_not_stored_and_static_files_are()
    {
        using var researcher = await factory.CreateClientForAsync(Roles.Researcher);
        var caseId = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.Select(c => c.Id).FirstAsync());
        var token = await ApiClient.IssueTokenAsync(factory, Roles.Analyst);
        using var script = ApiClient.WithToken(factory, token);

        foreach (var response in new[]
        {
            await researcher.GetAsync($"/cases/{caseId}/timeline.json"),
            await researcher.GetAsync($"/compare.json?ids={caseId}"),
            await researcher.GetAsync($"/cases/{caseId}"),
            await researcher.GetAsync("/api/v1/cases"),
            await script.GetAsync($"/api/v1/cases/{caseId}"),
            await script.GetAsync("/api/v1/exports/stages.csv"),
        })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }

        using var anonymous = factory.CreateAnonymousClient();
        var css = await anonymous.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_TempData_cookie_is_secure_http_only_and_strict()
    {
        using var admin = await factory.CreateClientForAsync(Roles.Administrator);
        var page = await Forms.GetAsync(admin, "/admin/users");
        var userId = await factory.WithServicesAsync(async s => (await s.GetRequiredService<TrackerDbContext>().Users.SingleAsync(u => u.Email == TestUsers.EmailFor(null))).Id);

        var response = await Forms.PostAsync(admin, $"/admin/users/{userId}/unlock", page, new Dictionary<string, string>());

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tracker.tempdata=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_foreign_host_header_is_refused_and_never_reaches_a_location_header()
    {
        using var client = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Six_simultaneous_posts_of_one_set_up_link_create_one_administrator()
    {
        using var fresh = new TrackerAppFactory();
        var token = (await fresh.SendAsync(new PrepareFirstRun.Command(null, null))).SetupToken;
        Assert.NotNull(token);
        var clients = Enumerable.Range(0, 6).Select(_ => fresh.CreateAnonymousClient()).ToList();
        var forms = new List<string>();
        foreach (var client in clients)
        {
            forms.Add(await Forms.GetAsync(client, $"/setup/{token}"));
        }

        using var start = new SemaphoreSlim(0);
        var posts = clients.Select((client, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await Forms.PostAsync(client, $"/setup/{token}", forms[i], new() { ["Email"] = $"admin{i}@tracker.test", ["DisplayName"] = $"Admin {i}", ["Password"] = TrackerAppFactory.Password });
        })).ToList();
        start.Release(posts.Count);
        var responses = await Task.WhenAll(posts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var users = await fresh.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Users.CountAsync());
        Assert.Equal(1, users);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_set_up_token_is_never_written_to_the_log_files()
    {
        using var fresh = new TrackerAppFactory();
        var token = (await fresh.SendAsync(new PrepareFirstRun.Command(null, null))).SetupToken!;
        using var client = fresh.CreateAnonymousClient();

        var form = await Forms.GetAsync(client, $"/setup/{token}");
        await Forms.PostAsync(client, $"/setup/{token}", form, new() { ["Email"] = "not an email", ["DisplayName"] = "X", ["Password"] = "short" });

        var logs = Directory.GetFiles(Path.Combine(fresh.DataFolder, "logs"), "*.log");
        Assert.NotEmpty(logs);
        var text = string.Concat(logs.Select(ReadShared));
        Assert.True(text.Contains("/setup/" + RequestLogRedaction.Redacted, StringComparison.Ordinal), text);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("tracker-keycert-").FullName;
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=AccountabilityTracker data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx password"));
        }

        using var protectedApp = new TrackerAppFactory();
        protectedApp.Settings["Security:KeyCertificatePath"] = pfx;
        protectedApp.Settings["Security:KeyCertificatePassword"] = "pfx password";
        using var client = await protectedApp.CreateClientForAsync(Roles.Researcher);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);

        var keys = await protectedApp.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_in_clear_which_production_refuses()
    {
        await factory.EnsureTestUsersAsync();
        var keys = await factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains(keys, xml => xml!.Contains("<masterKey", StringComparison.Ordinal));

        var refused = Assert.Throws<StartupConfigurationException>(() => DeploymentGuards.EnsureKeysProtected(
            Environment(Environments.Production), new SecurityOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        Assert.Contains("Security:KeyCertificatePath", refused.Message, StringComparison.Ordinal);
        DeploymentGuards.EnsureKeysProtected(Environment(Environments.Production), new SecurityOptions { AllowUnprotectedKeys = true }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        DeploymentGuards.EnsureKeysProtected(Environment(Environments.Development), new SecurityOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}

/// <summary>HTTPS redirection (finding 12) with an HTTPS port known, as behind a TLS-terminating listener.</summary>
public sealed class HttpsRedirectionTests : IDisposable
{
    private readonly TrackerAppFactory _factory = new();

    public HttpsRedirectionTests() => _factory.Settings["https_port"] = "443";

    [Fact]
    public async Task Plain_http_pages_are_redirected_to_https_but_health_probes_are_not()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var page = await client.GetAsync("/account/login");
        var probe = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https://localhost/account/login", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public void Hsts_lasts_a_year_and_covers_subdomains()
    {
        var hsts = _factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(365), hsts.MaxAge);
        Assert.True(hsts.IncludeSubDomains);
    }

    public void Dispose() => _factory.Dispose();
}
