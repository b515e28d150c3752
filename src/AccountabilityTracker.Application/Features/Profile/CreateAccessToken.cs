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
    public const int DefaultLifetimeDays = 90;

    public sealed record Command : IRequest<Result>
    {
        public string? Name { get; init; }

        public int LifetimeDays { get; init; } = DefaultLifetimeDays;
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
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            var now = time.UtcNowDateTime();
            var (token, text) = PersonalAccessToken.Issue(user.Id, request.Name!, now, request.LifetimeDays);
            db.PersonalAccessTokens.Add(token);
            db.Record(time, SecurityEventType.AccessTokenCreated, user.Email!, currentUser.Name, details: $"token '{token.Name}' ({token.Hint}…), expires {token.ExpiresAtUtc:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(token.ToView(now), text);
        }
    }
}
