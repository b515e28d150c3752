using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>
/// Edits a stage. The form carries the version and values it was opened with: if someone saved the stage since, the two
/// edits are combined field by field (<see cref="EditMerge"/>), and a field both changed is shown with both values.
/// </summary>
public static class EditStage
{
    /// <summary>Loads the form of a stage of an active case, or null.</summary>
    public sealed record Query(int CaseId, int StageId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such stage on an active case.</summary>
    public sealed record Command : StageFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new StageFieldsRules(time));
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the stage again and redo the change.");
        }
    }

    internal static Command ToCommand(Stage stage) => WithSnapshot(new Command
    {
        CaseId = stage.CaseId,
        StageId = stage.Id,
        Version = stage.Version,
        Kind = stage.Kind,
        Label = stage.Label,
        StartDate = stage.Start.ToIsoString(),
        StartPrecision = stage.StartPrecision,
        Ended = stage.HasEnded,
        EndDate = stage.End?.ToIsoString(),
        EndPrecision = stage.HasEnded ? stage.EndPrecision : Domain.Dates.DatePrecision.Day,
        Outcome = stage.Outcome,
        OutcomeType = stage.OutcomeType,
        Notes = stage.Notes,
    });

    private static Command WithSnapshot(Command command) => command with { Opened = EditMerge.Snapshot<StageFields>(command) };

    internal static Task<Stage?> FindAsync(TrackerDbContext db, int caseId, int stageId, bool tracked, CancellationToken cancellationToken)
    {
        var stages = tracked ? db.Stages : db.Stages.AsNoTracking();
        return stages.Include(s => s.Case).SingleOrDefaultAsync(s => s.Id == stageId && s.CaseId == caseId && !s.Case.IsArchived, cancellationToken);
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken) =>
            await FindAsync(db, request.CaseId, request.StageId, tracked: false, cancellationToken) is { } stage ? ToCommand(stage) : null;
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await FindAsync(db, request.CaseId, request.StageId, tracked: true, cancellationToken);
            if (stage is null)
            {
                return false;
            }

            if (stage.Version != request.Version)
            {
                request = EditMerge.Merge<StageFields, Command>(request, ToCommand(stage), "stage", new Validator(time));
            }

            request.RequireStartAfterIncident(stage.Case);
            db.Entry(stage).Property(s => s.Version).OriginalValue = request.Version;
            stage.Edit(request.Kind!.Value, request.LabelOrKind, request.Start, request.End, request.Outcome, request.Notes, time.GetUtcNow().UtcDateTime, request.OutcomeType);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
