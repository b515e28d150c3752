using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>An administrator revokes one of any user's API tokens (e.g. one seen in a log); the next call with it gets 401.</summary>
public static class RevokeUserToken
{
    public sealed record Command(string UserId, int TokenId) : IRequest;

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
            var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == request.TokenId && t.UserId == user.Id, cancellationToken)
                ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["TokenId"] = ["That user has no such token."] });
            if (token.RevokedAtUtc is null)
            {
                token.Revoke(time.UtcNowDateTime());
                db.Record(time, SecurityEventType.AccessTokenRevoked, user.Email ?? user.Id, currentUser.Name, details: $"token '{token.Name}' ({token.Hint}…) revoked by an administrator");
                await db.SaveChangesAsync(cancellationToken);
            }

            return MediatR.Unit.Value;
        }
    }
}
