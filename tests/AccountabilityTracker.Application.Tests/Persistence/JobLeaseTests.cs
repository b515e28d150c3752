using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>The database lease behind work done once across instances (digests, the notification job, later imports).</summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task One_holder_at_a_time_until_it_releases_or_its_lease_expires()
    {
        var first = await WithLeasesAsync(l => l.TryAcquireAsync("import-job:42", "instance-a", Minutes5, default));
        Assert.NotNull(first);
        Assert.Null(await WithLeasesAsync(l => l.TryAcquireAsync("import-job:42", "instance-b", Minutes5, default)));

        // Another name is another lease.
        Assert.NotNull(await WithLeasesAsync(l => l.TryAcquireAsync("import-job:43", "instance-b", Minutes5, default)));

        // A holder that stops renewing (a crashed instance) loses it when it expires; its fence is then stale.
        _app.Time.Advance(TimeSpan.FromMinutes(6));
        var second = await WithLeasesAsync(l => l.TryAcquireAsync("import-job:42", "instance-b", Minutes5, default));
        Assert.NotNull(second);
        Assert.True(second.Fence > first.Fence);
        Assert.False(await WithLeasesAsync(l => l.RenewAsync(first, Minutes5, default)));
        Assert.False(await WithLeasesAsync(l => l.IsHeldAsync(first, default)));
        Assert.True(await WithLeasesAsync(l => l.IsHeldAsync(second, default)));

        // The old holder's release does not free the new holder's lease; the new holder's does.
        await WithLeasesAsync(async l => { await l.ReleaseAsync(first, default); return true; });
        Assert.Null(await WithLeasesAsync(l => l.TryAcquireAsync("import-job:42", "instance-c", Minutes5, default)));
        Assert.True(await WithLeasesAsync(l => l.RenewAsync(second, Minutes5, default)));
        await WithLeasesAsync(async l => { await l.ReleaseAsync(second, default); return true; });
        Assert.NotNull(await WithLeasesAsync(l => l.TryAcquireAsync("import-job:42", "instance-c", Minutes5, default)));
        Assert.Equal(2, await _app.WithDbAsync(db => db.JobLeases.CountAsync()));
    }

    [Fact]
    public async Task Of_many_instances_racing_for_a_new_lease_exactly_one_gets_it()
    {
        var second = _app.SecondInstance();
        await using (second)
        {
            var attempts = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? _app : second).WithDbAsync(async db =>
            {
                var leases = new JobLeases(db, _app.Time);
                return await leases.TryAcquireAsync("digest:2026-11-30", $"instance-{i}", Minutes5, default);
            }));
            var held = (await Task.WhenAll(attempts)).OfType<HeldLease>().ToList();
            Assert.Single(held);
        }
    }

    private async Task<T> WithLeasesAsync<T>(Func<JobLeases, Task<T>> action)
    {
        await using var scope = _app.Service<IServiceScopeFactory>().CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<JobLeases>());
    }
}
