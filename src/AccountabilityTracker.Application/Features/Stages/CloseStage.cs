using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>Records how a running stage ended: the end date (as precise as known) and the outcome.</summary>
public static class CloseStage
{
    /// <summary>Loads the form of a stage of an active case, or null.</summary>
    public sealed record Query(int CaseId, int StageId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such stage on an active case.</summary>
    public sealed record Command : IRequest<bool>
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        public Guid Version { get; init; }

        /// <summary>Shown on the form only; never saved from it.</summary>
        public string? Label { get; init; }

        /// <summary>Shown on the form (and used to check the end date) only; never saved from it.</summary>
        public string? StartDate { get; init; }

        public DatePrecision? StartPrecision { get; init; }

        public string? EndDate { get; init; }

        public DatePrecision? EndPrecision { get; init; } = DatePrecision.Day;

        public string? Outcome { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.EndDate).PartialDate(c => c.EndPrecision, time);
            RuleFor(c => c.Outcome).NotEmpty().WithMessage("Give the outcome, e.g. “No further action” or “Acquitted”.")
                .PlainText(TextLimits.LongText, multiline: true);
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the stage again and redo the change.");
        }
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var stage = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: false, cancellationToken);
            return stage is null
                ? null
                : new Command
                {
                    CaseId = stage.CaseId,
                    StageId = stage.Id,
                    Version = stage.Version,
                    Label = stage.Label,
                    StartDate = stage.Start.ToIsoString(),
                    StartPrecision = stage.StartPrecision,
                    EndDate = stage.End?.ToIsoString(),
                    EndPrecision = stage.HasEnded ? stage.EndPrecision : DatePrecision.Day,
                    Outcome = stage.Outcome,
                };
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

            var end = DateInput.Parse(request.EndDate, request.EndPrecision);
            if (Stage.EndsBeforeStart(stage.Start, end))
            {
                throw RequestValidationException.For(nameof(Command.EndDate), $"A stage cannot end before it starts ({stage.Start}): check the end date.");
            }

            db.Entry(stage).Property(s => s.Version).OriginalValue = request.Version;
            stage.Close(end, request.Outcome, time.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: false, cancellationToken);
                if (stored is null)
                {
                    throw RequestValidationException.For(string.Empty, "The stage is no longer on an active case.");
                }

                throw EditConflictException.Describe("stage", stored.Version,
                [
                    (nameof(Command.EndDate), stored.HasEnded ? stored.End?.ToIsoString() : "(running)", request.EndDate),
                    (nameof(Command.EndPrecision), stored.HasEnded ? stored.EndPrecision.ToString() : null, request.EndPrecision?.ToString()),
                    (nameof(Command.Outcome), stored.Outcome, request.Outcome),
                ], EditStage.ToCommand(stored));
            }
        }
    }
}
