using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>An administrator creates a user with an initial password and roles.</summary>
public static class CreateUser
{
    public sealed record Command(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles) : IRequest<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(TextLimits.PersonName);
            RuleFor(c => c.Password).ValidPassword();
            RuleFor(c => c.Roles).ValidRoles();
        }
    }

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = new TrackerUser
            {
                UserName = request.Email.Trim(),
                Email = request.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = request.DisplayName.Trim(),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, request.Password), nameof(Command.Email));
            IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, request.Roles.Distinct(StringComparer.Ordinal)), nameof(Command.Roles));
            db.Record(time, SecurityEventType.UserCreated, user.Email, currentUser.Name, details: "Roles: " + string.Join(", ", request.Roles));
            await db.SaveChangesAsync(cancellationToken);
            return user.Id;
        }
    }
}
