using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>Replaces a user's roles. At least one administrator always remains.</summary>
public static class SetUserRoles
{
    public sealed record Command(string UserId, IReadOnlyList<string> Roles) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Roles).ValidRoles();
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindRequiredAsync(request.UserId);
            var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var after = request.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

            if (before.Contains(Roles.Administrator) && !after.Contains(Roles.Administrator)
                && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count <= 1)
            {
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    [nameof(Command.Roles)] = ["This is the last administrator: give another user the Administrator role first."],
                });
            }

            IdentityErrors.ThrowIfFailed(await users.RemoveFromRolesAsync(user, before.Except(after)), nameof(Command.Roles));
            IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, after.Except(before)), nameof(Command.Roles));

            // The user's sessions end at their next request, so new roles (fewer or more) apply from the next sign-in.
            IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), nameof(Command.Roles));
            db.Record(time, SecurityEventType.RolesChanged, user.Email ?? user.Id, currentUser.Name,
                details: $"{string.Join(", ", before)} → {string.Join(", ", after)}");
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
