using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Security;

/// <summary>
/// Whether a first-run set-up link can still be used (no user exists yet and the link is unspent), so a used or unknown
/// link says so when it is opened rather than after the form is filled in. <see cref="CreateFirstAdministrator"/> still
/// checks again when the form is sent.
/// </summary>
public static class CheckSetupLink
{
    public sealed record Query(string Token) : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, bool>
    {
        public async Task<bool> Handle(Query request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.Token) || await db.Users.AnyAsync(cancellationToken))
            {
                return false;
            }

            var hash = CreateFirstAdministrator.Hash(request.Token);
            return await db.SetupTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAtUtc == null, cancellationToken);
        }
    }
}
