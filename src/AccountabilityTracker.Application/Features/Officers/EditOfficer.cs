using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Officers;

public static class EditOfficer
{
    /// <summary>Loads the form of an officer of an active case, or null. Only roles that may see restricted fields reach it.</summary>
    public sealed record Query(int CaseId, int OfficerId) : IRequest<Command?>;

    /// <summary>Returns false when there is no such officer on an active case.</summary>
    public sealed record Command : OfficerFields, IRequest<bool>, IVersionedEdit, IRetryOnConflict
    {
        public int CaseId { get; init; }

        public int OfficerId { get; init; }

        public Guid Version { get; init; }

        public string? Opened { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time) => Include(new OfficerFieldsRules(time));
    }

    internal sealed class QueryHandler(TrackerDbContext db) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Officers.AsNoTracking()
                .SingleOrDefaultAsync(o => o.Id == request.OfficerId && o.CaseId == request.CaseId && !o.Case.IsArchived, cancellationToken);
            return found is null ? null : ToCommand(found);
        }
    }

    internal static Command ToCommand(Domain.Cases.Officer found)
    {
        var command = new Command
        {
            CaseId = found.CaseId,
            OfficerId = found.Id,
            Version = found.Version,
            Cipher = found.Cipher,
            RealName = found.RealName,
            NameIsPublic = found.NameIsPublic,
            UnderAnonymityOrder = found.UnderAnonymityOrder,
            PubliclyNamedOn = found.PubliclyNamedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return command with { Opened = EditMerge.Snapshot<OfficerFields>(command) };
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Officers).SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            var officer = owner?.Officers.SingleOrDefault(o => o.Id == request.OfficerId);
            if (owner is null || officer is null)
            {
                return false;
            }

            if (officer.Version != request.Version)
            {
                request = EditMerge.Merge<OfficerFields, Command>(request, ToCommand(officer), "officer", new Validator(time));
            }

            db.Entry(officer).Property(o => o.Version).OriginalValue = request.Version;
            var cipher = request.CleanCipher;
            if (cipher is not null && owner.Officers.Any(o => o != officer && string.Equals(o.Cipher, cipher, StringComparison.OrdinalIgnoreCase)))
            {
                throw RequestValidationException.For(nameof(Command.Cipher), $"Officer {cipher.ToUpperInvariant()} is already recorded on this case.");
            }

            officer.Edit(
                new Domain.Cases.OfficerDetails(
                    cipher, request.RealName, request.NameIsPublic, request.NamedOn, request.UnderAnonymityOrder,
                    officer.AnonymityOrderMadeOn, officer.AnonymityOrderVariedOn, officer.AnonymityOrderLiftedOn, officer.Notes),
                time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
