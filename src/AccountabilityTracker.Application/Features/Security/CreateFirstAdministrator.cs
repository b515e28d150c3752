using System.Security.Cryptography;
using System.Text;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Security;

/// <summary>
/// Creates the first administrator, only while no user exists: from configuration at start-up (no token), or from the
/// one-time setup link (token required, and spent).
/// </summary>
public static class CreateFirstAdministrator
{
    public sealed record Command(string Email, string DisplayName, string Password, string? SetupToken, bool FromConfiguration = false) : IRequest<Result>;

    public enum Result
    {
        Created = 1,
        UsersAlreadyExist = 2,
        InvalidToken = 3,
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(TextLimits.PersonName);
            RuleFor(c => c.Password).ValidPassword();
            RuleFor(c => c.SetupToken).NotEmpty().When(c => !c.FromConfiguration);
        }
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal sealed class Handler(UserManager<TrackerUser> users, RoleManager<IdentityRole> roles, TrackerDbContext db, TimeProvider time)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return Result.UsersAlreadyExist;
            }

            var now = time.GetUtcNow().UtcDateTime;

            // The link is claimed by one UPDATE … WHERE unused: of several simultaneous posts exactly one changes the row
            // and goes on; the others see it spent. The claim and the new administrator commit together or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!request.FromConfiguration)
            {
                var hash = Hash(request.SetupToken!);
                var claimed = await db.SetupTokens
                    .Where(t => t.TokenHash == hash && t.UsedAtUtc == null)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAtUtc, now), cancellationToken);
                if (claimed != 1 || await db.Users.AnyAsync(cancellationToken))
                {
                    return claimed != 1 ? Result.InvalidToken : Result.UsersAlreadyExist;
                }
            }

            await EnsureRolesAsync(roles);
            var user = new TrackerUser
            {
                UserName = request.Email.Trim(),
                Email = request.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = request.DisplayName.Trim(),
                CreatedAtUtc = now,
            };
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, request.Password), nameof(Command.Email));
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.Administrator), nameof(Command.Email));
            db.Record(time, SecurityEventType.FirstAdministratorCreated, user.Email, request.FromConfiguration ? "configuration" : "setup link");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Result.Created;
        }

        internal static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
        {
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }
        }
    }
}
