using AccountabilityTracker.Application.Features.Profile;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>An administrator lists any user's API tokens (never the tokens themselves), newest first.</summary>
public static class ListUserTokens
{
    public sealed record Query(string UserId) : IRequest<Result>;

    public sealed record Result(string UserId, string Email, IReadOnlyList<AccessTokenView> Tokens);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.UserId).NotEmpty();
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FindRequiredAsync(request.UserId);
            var now = Common.TrackerClock.UtcNowDateTime(time);
            var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
            return new Result(user.Id, user.Email ?? user.Id, [.. tokens.Select(t => t.ToView(now))]);
        }
    }
}
