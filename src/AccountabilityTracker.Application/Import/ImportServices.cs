using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountabilityTracker.Application.Import;

/// <summary>Hands a job to whatever runs imports in the background (the web host's queue).</summary>
public interface IImportJobScheduler
{
    void Schedule(int jobId);
}

/// <summary>
/// Live progress of running jobs, in memory: while the import's transaction is open the job row cannot be updated
/// (SQLite allows one writer), so readers see the count here. The job row holds the final state.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<int, (int Done, int Total)> _running = new();

    public void Report(int jobId, int done, int total) => _running[jobId] = (done, total);

    public void Finish(int jobId) => _running.TryRemove(jobId, out _);

    public (int Done, int Total)? Get(int jobId) => _running.TryGetValue(jobId, out var progress) ? progress : null;
}

public static class ImportReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(ImportReport report) => JsonSerializer.Serialize(report, Options);

    public static ImportReport? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ImportReport>(json, Options);
}
