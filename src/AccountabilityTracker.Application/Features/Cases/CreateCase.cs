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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var year = particulars.IncidentDate.Earliest!.Value.Year;
            var references = await CaseReferences.ReserveAsync(db, [year], cancellationToken);
            var reference = await references.TakeAsync(year, cancellationToken);
            var opened = Case.Open(reference, particulars, time.GetUtcNow().UtcDateTime);
            opened.RecordConfidentialNotes(request.ConfidentialNotes, time.GetUtcNow().UtcDateTime);
            db.Cases.Add(opened);
            await db.SaveChangesAsync(cancellationToken);
            await FollowAsCreatorAsync(opened.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(opened.Id, opened.Reference);
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
}
