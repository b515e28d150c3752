using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>Adds a stage to an active case, with the source it comes from if given (one form, so a rep logs both in a minute).</summary>
public static class AddStage
{
    /// <summary>Returns the new stage's id, or null when there is no such active case.</summary>
    public sealed record Command : StageFields, ISourceFields, IRequest<int?>, IRetryOnConflict
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
            Include(new StageFieldsRules(time));
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
            request.RequireStartAfterIncident(owner);
            var now = time.GetUtcNow().UtcDateTime;
            var stage = owner.AddStage(request.Kind!.Value, request.LabelOrKind, request.Start, request.End, request.Outcome, now, request.Notes);
            if (request.OutcomeType is { } outcomeType and not Domain.Cases.OutcomeType.None)
            {
                stage.ClassifyOutcome(outcomeType, now);
            }

            if (SourceInput.Details(request) is { } source)
            {
                owner.AddSource(source, now, stage);
            }

            await db.SaveChangesAsync(cancellationToken);
            return stage.Id;
        }
    }
}
