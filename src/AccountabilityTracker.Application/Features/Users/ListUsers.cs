using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>Every user with their roles, lock state and last sign-in, for the administrator's user page.</summary>
public static class ListUsers
{
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(
        string Id,
        string Email,
        string DisplayName,
        IReadOnlyList<string> Roles,
        bool IsLockedOut,
        bool TwoFactorEnabled,
        DateTime CreatedAtUtc,
        DateTime? LastSignInAtUtc);

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
            var roles = await (from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
            var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
            var now = time.GetUtcNow();
            return users.Select(u => new Item(
                    u.Id,
                    u.Email ?? string.Empty,
                    u.DisplayName,
                    rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
                    u.LockoutEnd is { } end && end > now,
                    u.TwoFactorEnabled,
                    u.CreatedAtUtc,
                    u.LastSignInAtUtc))
                .ToList();
        }
    }
}
