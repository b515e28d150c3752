using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>
/// Records a period a stage's clock stood still (e.g. misconduct waiting for a criminal trial, an inquest suspended at a
/// prosecutor's request). Leave <see cref="Command.To"/> empty while the pause goes on.
/// </summary>
public static class PauseStage
{
    public sealed record Command : IRequest<Result?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        /// <summary>The stage's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none: the action applies to what is stored.</summary>
        public Guid? Version { get; init; }

        /// <summary>The first day the clock does not count.</summary>
        public DateOnly? From { get; init; }

        /// <summary>The day the clock counts again; null while still paused.</summary>
        public DateOnly? To { get; init; }

        public string? Reason { get; init; }
    }

    public sealed record Result(int PauseId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.From).NotNull().WithMessage("Give the first day the clock stood still.")
                .Must(from => from <= time.TodayInEngland()).WithMessage("A pause cannot begin in the future.");
            RuleFor(c => c.To).GreaterThan(c => c.From).When(c => c.To is not null && c.From is not null)
                .WithMessage("The clock must run again at least one day after the pause began.");
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the stage's version as you last read it.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for the pause, e.g. the regulation or the request.")
                .MaximumLength(TextLimits.Reason).WithMessage("The reason can be at most {MaxLength} characters.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await StageEdit.FindAsync(db, request.CaseId, request.StageId, cancellationToken);
            if (stage is null)
            {
                return null;
            }

            EditConflictException.RequireVersion(request.Version, stage.Version, "stage", EditStage.ToCommand(stage));
            try
            {
                var pause = stage.Pause(request.From!.Value, request.To, request.Reason!, time.UtcNowDateTime());
                await db.SaveChangesAsync(cancellationToken);
                return new Result(pause.Id);
            }
            catch (DomainRuleException broken)
            {
                throw StageEdit.Refused(nameof(Command.From), broken);
            }
        }
    }
}
