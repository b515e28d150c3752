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

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, Common.ICurrentUser currentUser) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var particulars = request.ToParticulars();
            var year = particulars.IncidentDate.Earliest!.Value.Year;

            // Two caseworkers may open a case of the same year at once: the unique index on Reference refuses the second,
            // which then takes the next number.
            for (var attempt = 1; ; attempt++)
            {
                var reference = await NextReferenceAsync(db, year, cancellationToken);
                var opened = Case.Open(reference, particulars, time.GetUtcNow().UtcDateTime);
                opened.RecordConfidentialNotes(request.ConfidentialNotes, time.GetUtcNow().UtcDateTime);
                db.Cases.Add(opened);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await FollowAsCreatorAsync(opened.Id, cancellationToken);
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

        /// <summary>Whoever opens a case follows it (and can stop).</summary>
        private async Task FollowAsCreatorAsync(int caseId, CancellationToken cancellationToken)
        {
            if (await AccountabilityTracker.Application.Notifications.SignedInUser.IdOf(db, currentUser).FirstOrDefaultAsync(cancellationToken) is { } userId)
            {
                await AccountabilityTracker.Application.Notifications.Follows.StartAsync(db, userId, caseId, time.GetUtcNow().UtcDateTime, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>One more than the highest sequence used in the year (not a count: robust to gaps and imports).</summary>
    internal static async Task<string> NextReferenceAsync(TrackerDbContext db, int year, CancellationToken cancellationToken)
    {
        var prefix = Case.FormatReference(year, 0)[..^4];
        var taken = await db.Cases.Where(c => c.Reference.StartsWith(prefix)).Select(c => c.Reference).ToListAsync(cancellationToken);
        var highest = taken
            .Select(r => int.TryParse(r.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return Case.FormatReference(year, highest + 1);
    }
}
