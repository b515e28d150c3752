using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>An administrator brings an archived case back into lists and reports.</summary>
public static class RestoreCase
{
    /// <summary>True when an archived case was restored; false when there is no such archived case.</summary>
    public sealed record Command(int Id) : IRequest<bool>, IRetryOnConflict
    {
        /// <summary>The case's version as the caller read it (the API); when given and stale, nothing is saved. The page sends none.</summary>
        public Guid? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the case's version as you last read it.");
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == request.Id && c.IsArchived, cancellationToken);
            if (found is null)
            {
                return false;
            }

            EditConflictException.RequireVersion(request.Version, found.Version, "case", EditCase.ToCommand(found));
            found.Restore(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
