using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// Says where a case stands as a whole: closed (its proceedings are over, with the reason and the day: the whole-case
/// clock ends then), awaiting a next step (with what, and when it is expected), or open again. A case is never read as
/// concluded only because no stage runs.
/// </summary>
public static class SetCaseStatus
{
    /// <summary>Loads the form of an active case, or null.</summary>
    public sealed record Query(int Id) : IRequest<Command?>;

    public sealed record Command : IRequest<bool>
    {
        public int Id { get; init; }

        public Guid Version { get; init; }

        public string? Reference { get; init; }

        public CaseStatus? Status { get; init; }

        /// <summary>Why the case was closed, or what it awaits.</summary>
        public string? Note { get; init; }

        /// <summary>YYYY-MM-DD: the day the case closed.</summary>
        public string? ClosedOn { get; init; }

        /// <summary>YYYY-MM-DD: when the awaited step is expected (optional).</summary>
        public string? ExpectedOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the case again and redo the change.");
            RuleFor(c => c.Status).NotNull().WithMessage("Choose open, awaiting or closed.").IsInEnum().WithMessage("Choose open, awaiting or closed.");
            RuleFor(c => c.Note).NotEmpty().When(c => c.Status == CaseStatus.Closed).WithMessage("Give the reason the case is closed.");
            RuleFor(c => c.Note).NotEmpty().When(c => c.Status == CaseStatus.Awaiting).WithMessage("Say what the case is waiting for, e.g. “gross misconduct hearing to be listed”.");
            RuleFor(c => c.Note).PlainText(TextLimits.Reason);
            RuleFor(c => c.ClosedOn).NotEmpty().When(c => c.Status == CaseStatus.Closed).WithMessage("Give the day the case closed, e.g. 2025-10-15.");
            RuleFor(c => c.ClosedOn)
                .Must(text => string.IsNullOrWhiteSpace(text) || Day(text) is not null).WithMessage("Write the day as YYYY-MM-DD, e.g. 2025-10-15.")
                .Must(text => Day(text) is not { } day || day <= time.TodayInEngland()).WithMessage("A case cannot close in the future.");
            RuleFor(c => c.ExpectedOn).Must(text => string.IsNullOrWhiteSpace(text) || Day(text) is not null).WithMessage("Write the day as YYYY-MM-DD, or leave it empty.");
        }
    }

    internal static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    internal static Command ToCommand(Case found) => new()
    {
        Id = found.Id,
        Version = found.Version,
        Reference = found.Reference,
        Status = found.Status,
        Note = found.StatusNote,
        ClosedOn = found.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ExpectedOn = found.ExpectedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
            switch (request.Status)
            {
                case CaseStatus.Closed:
                    found.Close(Day(request.ClosedOn)!.Value, request.Note!, now);
                    break;
                case CaseStatus.Awaiting:
                    found.AwaitNextStep(request.Note!, Day(request.ExpectedOn), now);
                    break;
                default:
                    found.Reopen(now);
                    break;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = ToCommand(await db.Cases.AsNoTracking().SingleAsync(c => c.Id == request.Id, cancellationToken));
                throw EditConflictException.Describe("case", stored.Version,
                [
                    (nameof(Command.Status), stored.Status?.ToString(), request.Status?.ToString()),
                    (nameof(Command.Note), stored.Note, request.Note),
                    (nameof(Command.ClosedOn), stored.ClosedOn, request.ClosedOn),
                    (nameof(Command.ExpectedOn), stored.ExpectedOn, request.ExpectedOn),
                ], stored);
            }
        }
    }
}
