using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>
/// Signing out ends every session of the account, not just this browser's cookie: a new security stamp makes every
/// cookie issued before it (including one copied from this browser) fail its next request. API tokens are untouched.
/// </summary>
public static class SignOutEverywhere
{
    public sealed record Command(string? IpAddress) : IRequest;

    internal sealed class Handler(UserManager<TrackerUser> users, TrackerDbContext db, TimeProvider time, ICurrentUser currentUser)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByNameAsync(currentUser.Name);
            if (user is not null)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            db.Record(time, SecurityEventType.SignedOut, user?.Email ?? currentUser.Name, currentUser.Name, request.IpAddress, "every session");
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
