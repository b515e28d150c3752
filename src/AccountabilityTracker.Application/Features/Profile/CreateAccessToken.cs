using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>
/// Creates a personal access token for the signed-in user. The token text is in the result only: it is shown once and
/// only its SHA-256 hash is stored. It acts with the user's roles at the time of each call.
/// </summary>
public static class CreateAccessToken
{
    public const int DefaultLifetimeDays = 30;

    public sealed record Command : IRequest<Result>
    {
        public string? Name { get; init; }

        public int LifetimeDays { get; init; } = DefaultLifetimeDays;

        /// <summary>The user's password, entered again: a session cookie alone (perhaps stolen) cannot mint a long-lived credential.</summary>
        public string? Password { get; init; }
    }

    public sealed record Result(AccessTokenView Token, string TokenText);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the token after the script or machine that will use it.")
                .MaximumLength(PersonalAccessToken.NameLength).WithMessage("The name can be at most {MaxLength} characters.");
            RuleFor(c => c.LifetimeDays).InclusiveBetween(1, PersonalAccessToken.MaxLifetimeDays)
                .WithMessage($"A token lasts between 1 and {PersonalAccessToken.MaxLifetimeDays} days.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password to create a token.");
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            if (!await users.CheckPasswordAsync(user, request.Password!))
            {
                db.Record(time, SecurityEventType.SignInFailed, user.Email!, currentUser.Name, details: "wrong password when creating an API token");
                await db.SaveChangesAsync(cancellationToken);
                throw new RequestValidationException(new Dictionary<string, string[]> { [nameof(Command.Password)] = ["Your password is not right."] });
            }

            var now = time.UtcNowDateTime();
            var (token, text) = PersonalAccessToken.Issue(user.Id, request.Name!, now, request.LifetimeDays);
            db.PersonalAccessTokens.Add(token);
            db.Record(time, SecurityEventType.AccessTokenCreated, user.Email!, currentUser.Name, details: $"token '{token.Name}' ({token.Hint}…), expires {token.ExpiresAtUtc:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(token.ToView(now), text);
        }
    }
}
