using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>Ends a stage's open pause: its clock counts again from <see cref="Command.On"/>.</summary>
public static class ResumeStage
{
    public sealed record Command : IRequest<bool>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        /// <summary>The stage's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none: the action applies to what is stored.</summary>
        public Guid? Version { get; init; }

        public DateOnly? On { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the stage's version as you last read it.");
            RuleFor(c => c.On).NotNull().WithMessage("Give the day the clock runs again.")
                .Must(on => on <= time.TodayInEngland()).WithMessage("The clock cannot be resumed in the future.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await StageEdit.FindAsync(db, request.CaseId, request.StageId, cancellationToken);
            if (stage is null)
            {
                return false;
            }

            EditConflictException.RequireVersion(request.Version, stage.Version, "stage", EditStage.ToCommand(stage));
            try
            {
                stage.Resume(request.On!.Value, time.UtcNowDateTime());
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DomainRuleException broken)
            {
                throw StageEdit.Refused(nameof(Command.On), broken);
            }
        }
    }
}
