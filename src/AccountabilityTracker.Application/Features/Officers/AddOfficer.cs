using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Officers;

/// <summary>Records an officer on an active case by cipher; the real name is optional and restricted.</summary>
public static class AddOfficer
{
    /// <summary>Returns the new officer's id, or null when there is no such active case.</summary>
    public sealed record Command : OfficerFields, IRequest<int?>, IRetryOnConflict
    {
        public int CaseId { get; init; }

        /// <summary>The case's version as the caller read it (the API); when given and stale, nothing is saved. The form sends none.</summary>
        public Guid? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            Include(new OfficerFieldsRules(time));
            RuleFor(c => c.Version).Must(v => v != Guid.Empty).WithMessage("Send the case's version as you last read it.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = await db.Cases.Include(c => c.Officers).SingleOrDefaultAsync(c => c.Id == request.CaseId && !c.IsArchived, cancellationToken);
            if (owner is null)
            {
                return null;
            }

            EditConflictException.RequireVersion(request.Version, owner.Version, "case", Cases.EditCase.ToCommand(owner));
            var cipher = request.CleanCipher;
            if (cipher is not null && owner.Officers.Any(o => string.Equals(o.Cipher, cipher, StringComparison.OrdinalIgnoreCase)))
            {
                throw RequestValidationException.For(nameof(Command.Cipher), $"Officer {cipher.ToUpperInvariant()} is already recorded on this case.");
            }

            var officer = owner.AddOfficer(
                new Domain.Cases.OfficerDetails(cipher, request.RealName, request.NameIsPublic, request.NamedOn, request.UnderAnonymityOrder),
                time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return officer.Id;
        }
    }
}
