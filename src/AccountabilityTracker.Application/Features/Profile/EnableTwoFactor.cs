using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>Turns on TOTP two-factor sign-in once the user proves their authenticator app shows the right code.</summary>
public static class EnableTwoFactor
{
    public sealed record Command(string Code) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.")
                .Matches("^[0-9 ]{6,8}$").WithMessage("The code is 6 digits.");
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            var code = request.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
            var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (!valid)
            {
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    [nameof(Command.Code)] = ["That code is not right. Check the time on your phone and enter the code shown now."],
                });
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            db.Record(time, SecurityEventType.TwoFactorEnabled, user.Email!, currentUser.Name);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
