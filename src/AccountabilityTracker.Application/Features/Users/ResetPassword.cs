using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>An administrator sets a new password for a user (told to them out of band); the user's sessions end and their API tokens are revoked.</summary>
public static class ResetPassword
{
    public sealed record Command(string UserId, string Password) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Password).ValidPassword();
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindRequiredAsync(request.UserId);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            IdentityErrors.ThrowIfFailed(await users.ResetPasswordAsync(user, token, request.Password), nameof(Command.Password));
            await users.UpdateSecurityStampAsync(user);
            var revoked = await db.RevokeAccessTokensAsync(user.Id, time.UtcNowDateTime(), cancellationToken);
            db.Record(time, SecurityEventType.PasswordReset, user.Email ?? user.Id, currentUser.Name, details: revoked > 0 ? $"{revoked} API token(s) revoked" : null);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
