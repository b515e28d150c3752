using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>An administrator brings an archived case back into lists and reports.</summary>
public static class RestoreCase
{
    /// <summary>True when an archived case was restored; false when there is no such archived case.</summary>
    public sealed record Command(int Id) : IRequest<bool>, IRetryOnConflict;

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == request.Id && c.IsArchived, cancellationToken);
            if (found is null)
            {
                return false;
            }

            found.Restore(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
