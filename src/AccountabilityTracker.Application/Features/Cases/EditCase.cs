using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// Edits a case's particulars. The form carries the version and values it was opened with: if someone saved the case
/// since, the two edits are combined field by field (<see cref="EditMerge"/>), and a field both changed is shown with both values.
/// </summary>
public static class EditCase
{
    /// <summary>Loads the form of an active case, or null.</summary>
    public sealed record Query(int Id) : IRequest<Command?>;

    public sealed record Command : CaseFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int Id { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }

        public string? Reference { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new CaseFieldsRules(time));
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the case again and redo the change.");
        }
    }

    internal static Command ToCommand(Case found) => WithSnapshot(new Command
    {
        Id = found.Id,
        Version = found.Version,
        Reference = found.Reference,
        Title = found.Title,
        Subject = found.Subject,
        IncidentDate = found.IncidentDate.ToIsoString(),
        IncidentPrecision = found.IncidentPrecision,
        IncidentTime = CaseFields.FormatTime(found.IncidentTime),
        Location = found.Location,
        Force = found.Force,
        IncidentType = found.IncidentType,
        Harm = found.Harm,
        Category = found.Category,
        Jurisdiction = found.Jurisdiction,
        Summary = found.Summary,
        ConfidentialNotes = found.ConfidentialNotes,
    });

    private static Command WithSnapshot(Command command) => command with { Opened = EditMerge.Snapshot<CaseFields>(command) };

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Id && !c.IsArchived, cancellationToken);
            return found is null ? null : ToCommand(found);
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.SingleOrDefaultAsync(c => c.Id == request.Id && !c.IsArchived, cancellationToken);
            if (found is null)
            {
                return false;
            }

            if (found.Version != request.Version)
            {
                request = EditMerge.Merge<CaseFields, Command>(request, ToCommand(found), "case", new Validator(time));
            }

            db.Entry(found).Property(c => c.Version).OriginalValue = request.Version;
            var now = time.GetUtcNow().UtcDateTime;
            found.Update(request.ToParticulars(), now);
            found.RecordConfidentialNotes(request.ConfidentialNotes, now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
