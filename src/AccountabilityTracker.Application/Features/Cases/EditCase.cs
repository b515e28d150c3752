using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// Edits a case's particulars. The form carries the version it was opened at: if someone saved the case since, nothing
/// is saved and the user sees what is stored now.
/// </summary>
public static class EditCase
{
    /// <summary>Loads the form of an active case, or null.</summary>
    public sealed record Query(int Id) : IRequest<Command?>;

    public sealed record Command : CaseFields, IRequest<bool>
    {
        public int Id { get; init; }

        public Guid Version { get; init; }

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

    internal static Command ToCommand(Case found) => new()
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
    };

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

            db.Entry(found).Property(c => c.Version).OriginalValue = request.Version;
            var now = time.GetUtcNow().UtcDateTime;
            found.Update(request.ToParticulars(), now);
            found.RecordConfidentialNotes(request.ConfidentialNotes, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == request.Id, cancellationToken);
                throw Conflict(ToCommand(stored), request);
            }
        }

        private static EditConflictException Conflict(Command stored, Command yours) => EditConflictException.Describe("case", stored.Version,
        [
            (nameof(Command.Title), stored.Title, yours.Title),
            (nameof(Command.Subject), stored.Subject, yours.Subject),
            (nameof(Command.IncidentDate), stored.IncidentDate, yours.IncidentDate),
            (nameof(Command.IncidentPrecision), stored.IncidentPrecision?.ToString(), yours.IncidentPrecision?.ToString()),
            (nameof(Command.IncidentTime), stored.IncidentTime, yours.IncidentTime),
            (nameof(Command.Location), stored.Location, yours.Location),
            (nameof(Command.Force), stored.Force, yours.Force),
            (nameof(Command.IncidentType), stored.IncidentType?.DisplayName(), yours.IncidentType?.DisplayName()),
            (nameof(Command.Harm), stored.Harm?.DisplayName(), yours.Harm?.DisplayName()),
            (nameof(Command.Category), stored.Category?.DisplayName(), yours.Category?.DisplayName()),
            (nameof(Command.Summary), stored.Summary, yours.Summary),
            (nameof(Command.ConfidentialNotes), stored.ConfidentialNotes, yours.ConfidentialNotes),
        ]);
    }
}
