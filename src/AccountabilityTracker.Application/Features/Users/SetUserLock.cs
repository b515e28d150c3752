using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>
/// An administrator locks an account (indefinitely: its sessions end and its API tokens are revoked) or unlocks it
/// (clearing failed attempts).
/// </summary>
public static class SetUserLock
{
    public sealed record Command(string UserId, bool Locked) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindRequiredAsync(request.UserId);
            if (request.Locked && string.Equals(user.Email, currentUser.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["UserId"] = ["You cannot lock your own account."] });
            }

            await users.SetLockoutEnabledAsync(user, true);
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, request.Locked ? DateTimeOffset.MaxValue : null), "UserId");
            var details = (string?)null;
            if (request.Locked)
            {
                // A new stamp ends every session at its next request; tokens are revoked, so unlocking revives neither.
                await users.UpdateSecurityStampAsync(user);
                var revoked = await db.RevokeAccessTokensAsync(user.Id, time.UtcNowDateTime(), cancellationToken);
                details = revoked > 0 ? $"{revoked} API token(s) revoked" : null;
            }
            else
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            db.Record(time, request.Locked ? SecurityEventType.UserLocked : SecurityEventType.UserUnlocked, user.Email ?? user.Id, currentUser.Name, details: details);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
