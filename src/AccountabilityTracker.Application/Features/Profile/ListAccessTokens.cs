using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>The signed-in user's own API tokens, newest first, revoked and expired ones included.</summary>
public static class ListAccessTokens
{
    public sealed record Query : IRequest<IReadOnlyList<AccessTokenView>>;

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Query, IReadOnlyList<AccessTokenView>>
    {
        public async Task<IReadOnlyList<AccessTokenView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            var now = time.UtcNowDateTime();
            var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
            return [.. tokens.Select(t => t.ToView(now))];
        }
    }
}
