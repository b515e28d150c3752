using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>A caseworker opens a case; it gets the next reference of its incident year, ATC-{year}-{seq:0000}.</summary>
public static class CreateCase
{
    private const int Attempts = 5;

    public sealed record Command : CaseFields, IRequest<Result>;

    public sealed record Result(int Id, string Reference);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time) => Include(new CaseFieldsRules(time));
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var particulars = request.ToParticulars();
            var year = particulars.IncidentDate.Earliest!.Value.Year;

            // Two caseworkers may open a case of the same year at once: the unique index on Reference refuses the second,
            // which then takes the next number.
            for (var attempt = 1; ; attempt++)
            {
                var reference = await CaseReferences.NextAsync(db, year, cancellationToken);
                var opened = Case.Open(reference, particulars, time.GetUtcNow().UtcDateTime);
                opened.RecordConfidentialNotes(request.ConfidentialNotes, time.GetUtcNow().UtcDateTime);
                db.Cases.Add(opened);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new Result(opened.Id, opened.Reference);
                }
                catch (DbUpdateException) when (attempt < Attempts)
                {
                    db.ChangeTracker.Clear();
                    if (!await db.Cases.AnyAsync(c => c.Reference == reference, cancellationToken))
                    {
                        throw;
                    }
                }
            }
        }
    }
}
