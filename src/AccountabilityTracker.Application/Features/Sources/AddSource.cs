using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Sources;

/// <summary>Adds a source to an active case, attached to the case as a whole, one stage or one milestone.</summary>
public static class AddSource
{
    /// <summary>Returns the new source's id, or null when there is no such active case.</summary>
    public sealed record Command : ISourceFields, IRequest<int?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        /// <summary>The case's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none.</summary>
        public Guid? Version { get; init; }

        /// <summary>"stage-12", "milestone-5", or empty for the case as a whole.</summary>
        public string? AttachTo { get; init; }

        public string? SourceUrl { get; init; }

        public string? SourcePublisher { get; init; }

        public string? SourcePublishedOn { get; init; }

        public string? SourceQuote { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new SourceFieldsRules(time, required: true));
RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the case's version as you last read it.");
            RuleFor(c => c.AttachTo).Must(t => SourceInput.TryParseTarget(t, out _, out _)).WithMessage("Choose what the source is for from the list.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Stages).Include(c => c.Milestones).AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            if (owner is null)
            {
                return null;
            }

            EditConflictException.RequireVersion(request.Version, owner.Version, "case", Cases.EditCase.ToCommand(owner));
            var (stage, milestone) = Target(owner, request.AttachTo);
            var source = owner.AddSource(SourceInput.Details(request)!, time.GetUtcNow().UtcDateTime, stage, milestone);
            await db.SaveChangesAsync(cancellationToken);
            return source.Id;
        }
    }

    /// <summary>The stage or milestone of this case named by the form, refused beside the field when it is not on the case.</summary>
    internal static (Domain.Cases.Stage? Stage, Domain.Cases.Milestone? Milestone) Target(Domain.Cases.Case owner, string? attachTo)
    {
        if (!SourceInput.TryParseTarget(attachTo, out var stageId, out var milestoneId))
        {
            throw RequestValidationException.For(nameof(Command.AttachTo), "Choose what the source is for from the list.");
        }

        var stage = stageId is { } sid ? owner.Stages.SingleOrDefault(s => s.Id == sid) : null;
        var milestone = milestoneId is { } mid ? owner.Milestones.SingleOrDefault(m => m.Id == mid) : null;
        if ((stageId is not null && stage is null) || (milestoneId is not null && milestone is null))
        {
            throw RequestValidationException.For(nameof(Command.AttachTo), "Choose a stage or milestone of this case from the list.");
        }

        return (stage, milestone);
    }
}
