using System.Diagnostics.Metrics;
using System.Globalization;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Performance;

/// <summary>
/// The row export streams: the client reads the first stage row while the server is still reading the database.
/// A gate makes this deterministic: the server's row source is held after <see cref="GateAtRow"/> rows until the
/// client has its first data row, so an export that buffered its whole body would never let the client see it.
/// </summary>
[Collection(SerialTestGroup.Name)]
public sealed class ExportStreamingTests : IAsyncLifetime, IDisposable
{
    private const int Cases = 1_000;
    private const int StagesPerCase = 5;
    private const int GateAtRow = 1_000;

    private readonly TrackerAppFactory _factory = new();

    public async Task InitializeAsync() => await _factory.WithServicesAsync(async services =>
    {
        var now = DateTime.UtcNow;
        var index = 0;
        foreach (var batch in new SyntheticCases(seed: 7).Generate(Cases, StagesPerCase).Chunk(250))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
            db.Cases.AddRange(batch.Select(entry => CaseFileMapper.ToCase(entry, string.Create(CultureInfo.InvariantCulture, $"SYN-{index++:D7}"), now)));
            await db.SaveChangesAsync();
        }

        return index;
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_first_csv_rows_arrive_while_the_database_is_still_being_read()
    {
        using var client = await _factory.CreateClientForAsync(Roles.Analyst);
        using var firstRowSeen = new ManualResetEventSlim();
        long produced = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "tracker.reports.stage_rows")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Interlocked.Add(ref produced, value) == GateAtRow)
            {
                // Hold the server here until the client has read a row (or give up, failing the test below).
                firstRowSeen.Wait(TimeSpan.FromSeconds(30));
            }
        });
        listener.Start();

        using var response = await client.GetAsync("/reports/stages.csv?text=Synthetic", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        await reader.ReadLineAsync(); // column names: the first row
        var firstRow = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var producedWhenFirstRowArrived = Interlocked.Read(ref produced);
        firstRowSeen.Set();

        var rows = 1;
        while (await reader.ReadLineAsync() is { } line)
        {
            rows += line.Length > 0 ? 1 : 0;
        }

        Assert.Matches("^\\d+,SYN-", firstRow);
        Assert.True(producedWhenFirstRowArrived <= GateAtRow, $"The server had produced {producedWhenFirstRowArrived} rows before the first reached the client.");
        Assert.Equal(Cases * StagesPerCase, rows);
        Assert.Null(response.Content.Headers.ContentLength);
    }
}

/// <summary>
/// Tests that watch process-wide instruments (meters) run alone, after the parallel ones, so no other test's rows count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTestGroup
{
    public const string Name = "Serial";
}
