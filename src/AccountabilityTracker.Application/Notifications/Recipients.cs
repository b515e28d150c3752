using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>
/// Who a notification, digest or feed is for, and what they may see: a user with a role may read cases; officer real
/// names and confidential notes only for <see cref="Roles.SeeRestrictedFields"/>; archived cases only for
/// administrators (the archive rule of CaseVisibility, for a user who is not the one asking).
/// </summary>
public sealed record Recipient(string UserId, string UserName, string? Email, IReadOnlySet<string> Roles)
{
    public bool CanReadCases => Roles.Count > 0;

    public bool CanSeeRestricted => Security.Roles.SeeRestrictedFields.Any(Roles.Contains);

    public bool IsAdministrator => Roles.Contains(Security.Roles.Administrator);

    public bool MaySee(bool caseIsArchived) => CanReadCases && (!caseIsArchived || IsAdministrator);

    /// <summary>The users named, with their roles; locked-out users are left out.</summary>
    public static async Task<Dictionary<string, Recipient>> LoadAsync(TrackerDbContext db, IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.Email, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return users
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .ToDictionary(
                u => u.Id,
                u => new Recipient(u.Id, u.UserName ?? u.Id, u.Email, roles.Where(r => r.UserId == u.Id && r.Name is not null).Select(r => r.Name!).ToHashSet(StringComparer.Ordinal)),
                StringComparer.Ordinal);
    }
}
