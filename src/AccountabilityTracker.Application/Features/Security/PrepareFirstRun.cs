using System.Security.Cryptography;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Security;

/// <summary>
/// At start-up: makes sure the roles exist; then, if nobody can sign in yet, either creates the administrator named in
/// configuration or issues a fresh one-time setup token (earlier unused tokens are revoked).
/// </summary>
public static class PrepareFirstRun
{
    public sealed record Command(string? AdminEmail, string? AdminPassword) : IRequest<Result>;

    /// <summary>What happened; <see cref="SetupToken"/> is set only when a setup link must be shown.</summary>
    public sealed record Result(bool UsersExist, bool AdministratorCreated, string? SetupToken);

    internal sealed class Handler(RoleManager<IdentityRole> roles, TrackerDbContext db, TimeProvider time, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await CreateFirstAdministrator.Handler.EnsureRolesAsync(roles);
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return new Result(true, false, null);
            }

            if (!string.IsNullOrWhiteSpace(request.AdminEmail) && !string.IsNullOrWhiteSpace(request.AdminPassword))
            {
                var created = await mediator.Send(
                    new CreateFirstAdministrator.Command(request.AdminEmail, "Administrator", request.AdminPassword, null, FromConfiguration: true),
                    cancellationToken);
                return new Result(false, created == CreateFirstAdministrator.Result.Created, null);
            }

            var now = time.GetUtcNow().UtcDateTime;
            foreach (var stale in await db.SetupTokens.Where(t => t.UsedAtUtc == null).ToListAsync(cancellationToken))
            {
                stale.Revoke(now);
            }

            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            db.SetupTokens.Add(new SetupToken(CreateFirstAdministrator.Hash(token), now));
            db.Record(time, SecurityEventType.SetupLinkIssued, "first administrator", "system");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(false, false, token);
        }
    }
}
