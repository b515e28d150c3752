using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// A named lease in the database: work that must happen once across every instance (the daily digest, the
/// notification scan, later an import job) runs only while its instance holds the lease. A lease is taken with one
/// conditional UPDATE (free or expired, or already ours) or, for a name never used, one INSERT that the primary key
/// refuses to a second instance: both are atomic on SQLite, PostgreSQL and SQL Server. <see cref="Fence"/> grows on
/// every take, so a holder that overran its lease can tell it lost it before it writes.
/// </summary>
public sealed class JobLease
{
    public const int NameLength = 200;
    public const int OwnerLength = 200;

    private JobLease()
    {
        Name = string.Empty;
        Owner = string.Empty;
    }

    internal JobLease(string name, string owner, DateTime acquiredAtUtc, DateTime expiresAtUtc)
    {
        Name = name;
        Owner = owner;
        AcquiredAtUtc = acquiredAtUtc;
        ExpiresAtUtc = expiresAtUtc;
        Fence = 1;
    }

    /// <summary>What the lease guards: "digest:2026-11-30", "notifications", "import-job:42".</summary>
    public string Name { get; private set; }

    /// <summary>Who holds it: an instance and a run (see <see cref="JobLeases.NewOwner"/>).</summary>
    public string Owner { get; private set; }

    public DateTime AcquiredAtUtc { get; private set; }

    /// <summary>Free again from this moment, whether or not the holder released it (a crashed instance frees it this way).</summary>
    public DateTime ExpiresAtUtc { get; private set; }

    /// <summary>A fencing token: one more on every take.</summary>
    public long Fence { get; private set; }
}

/// <summary>A lease held: its name, owner and fencing token.</summary>
public sealed record HeldLease(string Name, string Owner, long Fence);

/// <summary>Takes, renews and releases <see cref="JobLease"/>s. Each call is one statement outside any open transaction's work.</summary>
public sealed class JobLeases(TrackerDbContext db, TimeProvider time)
{
    /// <summary>A unique owner name for one run on this instance.</summary>
    public static string NewOwner(string job) => $"{Environment.MachineName}/{Environment.ProcessId}/{job}/{Guid.NewGuid():N}";

    /// <summary>Takes the lease for <paramref name="duration"/> if it is free or expired (or already held by <paramref name="owner"/>); null when another holds it.</summary>
    public async Task<HeldLease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        var taken = await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.ExpiresAtUtc <= now || l.Owner == owner))
            .ExecuteUpdateAsync(
                l => l.SetProperty(x => x.Owner, owner).SetProperty(x => x.AcquiredAtUtc, now).SetProperty(x => x.ExpiresAtUtc, expires).SetProperty(x => x.Fence, x => x.Fence + 1),
                cancellationToken);
        if (taken == 0)
        {
            if (await db.Set<JobLease>().AsNoTracking().AnyAsync(l => l.Name == name, cancellationToken))
            {
                return null;
            }

            var lease = new JobLease(name, owner, now, expires);
            db.Add(lease);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance inserted the same name first: the primary key decided, and it holds the lease.
                db.Entry(lease).State = EntityState.Detached;
                return null;
            }
            finally
            {
                db.Entry(lease).State = EntityState.Detached;
            }
        }

        var fence = await db.Set<JobLease>().AsNoTracking().Where(l => l.Name == name && l.Owner == owner).Select(l => (long?)l.Fence).FirstOrDefaultAsync(cancellationToken);
        return fence is { } f ? new HeldLease(name, owner, f) : null;
    }

    /// <summary>Extends a lease still held (same owner and fence, not expired); false when it was lost.</summary>
    public async Task<bool> RenewAsync(HeldLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        return await db.Set<JobLease>()
            .Where(l => l.Name == lease.Name && l.Owner == lease.Owner && l.Fence == lease.Fence && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAtUtc, expires), cancellationToken) == 1;
    }

    /// <summary>True while the lease is still held (same owner and fence, not expired): check before a write that must not happen twice.</summary>
    public Task<bool> IsHeldAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<JobLease>().AsNoTracking().AnyAsync(l => l.Name == lease.Name && l.Owner == lease.Owner && l.Fence == lease.Fence && l.ExpiresAtUtc > now, cancellationToken);
    }

    /// <summary>Frees the lease at once (its row stays: the fence keeps counting).</summary>
    public async Task ReleaseAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<JobLease>()
            .Where(l => l.Name == lease.Name && l.Owner == lease.Owner && l.Fence == lease.Fence)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAtUtc, now), cancellationToken);
    }
}
