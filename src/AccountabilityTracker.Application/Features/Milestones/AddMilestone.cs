using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Milestones;

/// <summary>Adds a dated point to an active case (referral, arrest, anonymity ruling), with its source if given.</summary>
public static class AddMilestone
{
    /// <summary>Returns the new milestone's id, or null when there is no such active case.</summary>
    public sealed record Command : MilestoneFields, ISourceFields, IRequest<int?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        /// <summary>The case's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none.</summary>
        public Guid? Version { get; init; }

        public string? SourceUrl { get; init; }

        public string? SourcePublisher { get; init; }

        public string? SourcePublishedOn { get; init; }

        public string? SourceQuote { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new MilestoneFieldsRules(time));
            Include(new SourceFieldsRules(time, required: false));
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the case's version as you last read it.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            if (owner is null)
            {
                return null;
            }

            EditConflictException.RequireVersion(request.Version, owner.Version, "case", Cases.EditCase.ToCommand(owner));
            var now = time.GetUtcNow().UtcDateTime;
            var milestone = owner.AddMilestone(request.Label!, request.Parsed, request.Notes, now, request.Type ?? Domain.Cases.MilestoneType.Other);
            if (SourceInput.Details(request) is { } source)
            {
                owner.AddSource(source, now, milestone: milestone);
            }

            await db.SaveChangesAsync(cancellationToken);
            return milestone.Id;
        }
    }
}
