using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>An administrator locks an account (indefinitely) or unlocks it (clearing failed attempts).</summary>
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
            if (!request.Locked)
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            db.Record(time, request.Locked ? SecurityEventType.UserLocked : SecurityEventType.UserUnlocked, user.Email ?? user.Id, currentUser.Name);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
