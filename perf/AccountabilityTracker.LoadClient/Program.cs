using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccountabilityTracker.LoadClient;

/// <summary>
/// A bounded mixed load against one running instance: signed-in page reads (case list, filtered list, case page, timeline
/// data, Overdue, duration report, API list) and API writes (new cases, and edits of cases this client created, each
/// sent with the version last read). Afterwards every acknowledged write is read back: a case whose 201 was received must
/// exist with its title, and each case must hold the last edit that was answered 204. Prints one JSON summary.
/// Usage: <c>LoadClient &lt;base url&gt; &lt;email&gt; &lt;password&gt; &lt;seconds&gt; &lt;connections&gt;</c>.
/// </summary>
internal static partial class LoadProgram
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly string[] Reads = ["list", "list-overdue", "case", "timeline", "overdue", "report", "api-list"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 5)
        {
            await Console.Error.WriteLineAsync("usage: LoadClient <base url> <email> <password> <seconds> <connections>");
            return 2;
        }

        var baseAddress = new Uri(args[0]);
        var seconds = int.Parse(args[3], CultureInfo.InvariantCulture);
        var connections = int.Parse(args[4], CultureInfo.InvariantCulture);

        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = connections, AllowAutoRedirect = false };
        using var pages = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await SignInAsync(pages, args[1], args[2]);
        var token = await CreateTokenAsync(pages, args[2]);
        using var apiHandler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        using var api = new HttpClient(apiHandler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var readable = await CaseIdsAsync(api);

        var samples = new ConcurrentBag<Sample>();
        var created = new ConcurrentDictionary<int, string>();
        var lastEdit = new ConcurrentDictionary<int, string>();
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var mine = new List<int>();
            for (var n = 0; deadline.Elapsed.TotalSeconds < seconds; n++)
            {
                // Per connection: five reads, then a new case, then an edit of one of its own cases.
                var step = n % 7;
                if (step < 5)
                {
                    var read = Reads[(worker + n) % Reads.Length];
                    var id = readable[(worker * 7 + n) % readable.Count];
                    await TimeAsync(samples, read, () => pages.GetAsync(ReadPath(read, id)), HttpStatusCode.OK);
                }
                else if (step == 5)
                {
                    var title = string.Create(CultureInfo.InvariantCulture, $"Load {worker}-{n}");
                    var response = await TimeAsync(samples, "create", () => api.PostAsJsonAsync("/api/v1/cases", CaseBody(title, "Created under load.")), HttpStatusCode.Created);
                    if (response?.StatusCode == HttpStatusCode.Created)
                    {
                        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
                        created[id] = title;
                        mine.Add(id);
                    }

                    response?.Dispose();
                }
                else if (mine.Count > 0)
                {
                    var id = mine[n % mine.Count];
                    var summary = string.Create(CultureInfo.InvariantCulture, $"Edited under load {worker}-{n}.");
                    var response = await TimeAsync(samples, "edit", async () =>
                    {
                        var current = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
                        var body = CaseBody(created[id], summary);
                        body["version"] = current.GetProperty("version").GetGuid();
                        return await api.PutAsJsonAsync($"/api/v1/cases/{id}", body);
                    }, HttpStatusCode.NoContent);
                    if (response?.StatusCode == HttpStatusCode.NoContent)
                    {
                        lastEdit[id] = summary;
                    }

                    response?.Dispose();
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = deadline.Elapsed.TotalSeconds;

        // Every acknowledged write, read back.
        var lost = new List<string>();
        foreach (var (id, title) in created)
        {
            using var response = await api.GetAsync($"/api/v1/cases/{id}");
            var stored = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            if (stored.ValueKind != JsonValueKind.Object || stored.GetProperty("title").GetString() != title)
            {
                lost.Add($"case {id} ({title}): {(int)response.StatusCode}");
            }
            else if (lastEdit.TryGetValue(id, out var summary) && stored.GetProperty("summary").GetString() != summary)
            {
                lost.Add($"case {id}: edit '{summary}' acknowledged, stored '{stored.GetProperty("summary").GetString()}'");
            }
        }

        var all = samples.ToList();
        var summaryJson = new
        {
            seconds = Math.Round(elapsed, 1),
            connections,
            requests = all.Count,
            requestsPerSecond = Math.Round(all.Count / elapsed, 1),
            p50Ms = Percentile(all, 0.50),
            p99Ms = Percentile(all, 0.99),
            serverErrors = all.Count(s => s.Status >= 500),
            unexpected = all.Where(s => !s.Expected).GroupBy(s => $"{s.Kind} {s.Status}").ToDictionary(g => g.Key, g => g.Count()),
            casesCreated = created.Count,
            editsAcknowledged = all.Count(s => s.Kind == "edit" && s.Expected),
            lostWrites = lost.Count,
            lost = lost.Take(20),
            byKind = all.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => new { requests = g.Count(), p50Ms = Percentile([.. g], 0.50), p99Ms = Percentile([.. g], 0.99) }),
        };
        Console.WriteLine(JsonSerializer.Serialize(summaryJson, Indented));
        return summaryJson.serverErrors == 0 && lost.Count == 0 ? 0 : 1;
    }

    private static string ReadPath(string read, int id) => read switch
    {
        "list" => "/cases",
        "list-overdue" => "/cases?clockStatus=Overdue",
        "case" => $"/cases/{id}",
        "timeline" => $"/cases/{id}/timeline.json",
        "overdue" => "/overdue",
        "report" => "/reports/durations",
        _ => "/api/v1/cases?pageSize=20",
    };

    private static async Task<HttpResponseMessage?> TimeAsync(ConcurrentBag<Sample> samples, string kind, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await send();
            if (kind is not ("create" or "edit"))
            {
                await response.Content.ReadAsByteArrayAsync();
            }

            samples.Add(new Sample(kind, (int)response.StatusCode, response.StatusCode == expected, clock.Elapsed.TotalMilliseconds));
            return response;
        }
        catch (HttpRequestException)
        {
            samples.Add(new Sample(kind, 0, false, clock.Elapsed.TotalMilliseconds));
            return null;
        }
        catch (TaskCanceledException)
        {
            samples.Add(new Sample(kind, 0, false, clock.Elapsed.TotalMilliseconds));
            return null;
        }
    }

    private static double Percentile(List<Sample> samples, double share)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Select(s => s.Milliseconds).Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)], 1);
    }

    private static Dictionary<string, object?> CaseBody(string title, string summary) => new(StringComparer.Ordinal)
    {
        ["title"] = title,
        ["subject"] = "not published",
        ["incidentDate"] = "2024-03-04",
        ["incidentPrecision"] = "Day",
        ["location"] = "Leeds",
        ["force"] = "West Yorkshire Police",
        ["incidentType"] = "Restraint",
        ["harm"] = "SeriousInjury",
        ["category"] = "RoutinePolicing",
        ["summary"] = summary,
    };

    private static async Task SignInAsync(HttpClient pages, string email, string password)
    {
        var form = await pages.GetStringAsync("/account/login");
        using var response = await pages.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = Antiforgery(form),
            ["Email"] = email,
            ["Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}, not a redirect.");
        }
    }

    private static async Task<string> CreateTokenAsync(HttpClient pages, string password)
    {
        var form = await pages.GetStringAsync("/profile/tokens");
        using var response = await pages.PostAsync("/profile/tokens", new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = Antiforgery(form),
            ["Name"] = "load test",
            ["LifetimeDays"] = "1",
            ["Password"] = password,
        }));
        var page = await response.Content.ReadAsStringAsync();
        return TokenPattern().Match(page) is { Success: true } token ? token.Value : throw new InvalidOperationException($"No token in the answer ({(int)response.StatusCode}).");
    }

    private static async Task<List<int>> CaseIdsAsync(HttpClient api)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=100");
        var ids = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();
        return ids.Count > 0 ? ids : throw new InvalidOperationException("The database holds no case to read.");
    }

    private static string Antiforgery(string html) =>
        AntiforgeryPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the form.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("atk_[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenPattern();

    private sealed record Sample(string Kind, int Status, bool Expected, double Milliseconds);
}
