using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.OfficerEvents;

/// <summary>Records an event (arrested, charged, named…) or a period (suspended, restricted duties) of one officer of an active case.</summary>
public static class AddOfficerEvent
{
    /// <summary>Returns the new event's id, or null when there is no such active case.</summary>
    public sealed record Command : OfficerEventFields, IRequest<int?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        /// <summary>The case's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none.</summary>
        public Guid? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new OfficerEventFieldsRules(time));
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the case's version as you last read it.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Officers).SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            if (owner is null)
            {
                return null;
            }

            EditConflictException.RequireVersion(request.Version, owner.Version, "case", Cases.EditCase.ToCommand(owner));
            var officer = request.RequireOfficerOf(owner);
            var added = owner.AddOfficerEvent(officer, request.Kind!.Value, request.Parsed, request.ParsedEnd, request.Notes, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return added.Id;
        }
    }
}
