using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>Revokes one of the signed-in user's own tokens; the next call with it gets 401.</summary>
public static class RevokeAccessToken
{
    /// <summary>False when the user has no such token.</summary>
    public sealed record Command(int TokenId) : IRequest<bool>;

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == request.TokenId && t.UserId == user.Id, cancellationToken);
            if (token is null)
            {
                return false;
            }

            if (token.RevokedAtUtc is null)
            {
                token.Revoke(time.UtcNowDateTime());
                db.Record(time, SecurityEventType.AccessTokenRevoked, user.Email!, currentUser.Name, details: $"token '{token.Name}' ({token.Hint}…)");
                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        }
    }
}
