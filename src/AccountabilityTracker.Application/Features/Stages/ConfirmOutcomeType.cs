using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>
/// A caseworker sets the type of a stage's outcome: the suggested one in one tap from "outcomes to confirm", or another
/// from the list. Saved like any edit of the stage (its version checked, the change in the case's history).
/// </summary>
public static class ConfirmOutcomeType
{
    /// <summary>Returns false when there is no such stage on an active case.</summary>
    public sealed record Command : IRequest<bool>
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        /// <summary>The stage's version as the list showed it.</summary>
        public Guid Version { get; init; }

        public OutcomeType? OutcomeType { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OutcomeType).NotNull().WithMessage("Choose the outcome's type.")
                .Must(t => t is null || Outcomes.Choosable.Contains(t.Value)).WithMessage("Choose the outcome's type from the list.");
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the list again.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: true, cancellationToken);
            if (stage is null)
            {
                return false;
            }

            EditConflictException.RequireVersion(request.Version, stage.Version, "stage", EditStage.ToCommand(stage));
            stage.ClassifyOutcome(request.OutcomeType!.Value, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
