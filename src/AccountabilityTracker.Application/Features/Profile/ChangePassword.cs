using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>The signed-in user changes their own password (e.g. after an administrator's reset).</summary>
public static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string Password) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.Password).ValidPassword();
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.Password);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { [nameof(Command.CurrentPassword)] = ["Your current password is not right."] });
            }

            IdentityErrors.ThrowIfFailed(result, nameof(Command.Password));
            // Identity gave the account a new security stamp: other sessions end (the web layer renews this one); tokens go too.
            var revoked = await db.RevokeAccessTokensAsync(user.Id, time.UtcNowDateTime(), cancellationToken);
            db.Record(time, SecurityEventType.PasswordReset, user.Email!, currentUser.Name, details: revoked > 0 ? $"changed by the user; {revoked} API token(s) revoked" : "changed by the user");
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
