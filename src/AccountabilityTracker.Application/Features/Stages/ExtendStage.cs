using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>Records an extension: a new limit for one stage, with its reason, in force from the day it was granted.</summary>
public static class ExtendStage
{
    public sealed record Command : IRequest<Result?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        /// <summary>The stage's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none: the action applies to what is stored.</summary>
        public Guid? Version { get; init; }

        public DateOnly? GrantedOn { get; init; }

        public int NewAmount { get; init; }

        /// <summary>Null keeps the rule's unit.</summary>
        public LimitUnit? NewUnit { get; init; }

        public string? Reason { get; init; }
    }

    public sealed record Result(int ExtensionId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.GrantedOn).NotNull().WithMessage("Give the day the extension was granted.")
                .Must(on => on <= time.TodayInEngland()).WithMessage("An extension cannot be granted in the future.");
            RuleFor(c => c.NewAmount).InclusiveBetween(1, LimitRule.MaximumAmount).WithMessage("The new limit must be between {From} and {To}.");
            RuleFor(c => c.NewUnit).IsInEnum().WithMessage("Choose calendar days, months or working days.");
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the stage's version as you last read it.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for the extension, e.g. who granted it and why.")
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
                var extension = stage.Extend(request.GrantedOn!.Value, request.NewAmount, request.NewUnit, request.Reason!, time.UtcNowDateTime());
                await db.SaveChangesAsync(cancellationToken);
                return new Result(extension.Id);
            }
            catch (DomainRuleException broken)
            {
                throw StageEdit.Refused(nameof(Command.GrantedOn), broken);
            }
        }
    }
}
