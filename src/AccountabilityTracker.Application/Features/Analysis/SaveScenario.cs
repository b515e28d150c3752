using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// Creates a limit scenario (no <see cref="Command.Id"/>) or changes a saved one. Every analyst sees every scenario,
/// so a link to it is how it is shared; a change made meanwhile by someone else is refused, never overwritten.
/// </summary>
public static class SaveScenario
{
    public const string ConflictMessage = "Someone else changed this scenario since you opened it. Its saved limits are shown now; make your change again.";

    /// <summary>One row of the form: a stage kind and, when a limit is wanted for it, its amount and unit.</summary>
    public sealed record LimitInput
    {
        public StageKind Kind { get; init; }

        public int? Amount { get; init; }

        public LimitUnit? Unit { get; init; }
    }

    public sealed record Command : IRequest<int?>
    {
        public int? Id { get; init; }

        public Guid Version { get; init; }

        public string? Name { get; init; }

        public string? Description { get; init; }

        public int? OverallCapMonths { get; init; }

        public IReadOnlyList<LimitInput> Limits { get; init; } = [];

        public IEnumerable<ScenarioLimitTerms> Terms() =>
            Limits.Where(l => l.Amount is not null).Select(l => new ScenarioLimitTerms(l.Kind, l.Amount!.Value, l.Unit ?? LimitUnit.Months));
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the scenario a name.")
                .MaximumLength(TextLimits.Title).WithMessage("The name can be at most {MaxLength} characters.");
            RuleFor(c => c.Description).MaximumLength(TextLimits.LongText).WithMessage("The description can be at most {MaxLength} characters.");
            RuleFor(c => c.OverallCapMonths).InclusiveBetween(1, 600).WithMessage("The overall cap is a whole number of months from 1 to 600.");
            RuleForEach(c => c.Limits).ChildRules(limit =>
            {
                limit.RuleFor(l => l.Kind).IsInEnum().WithMessage("Choose a stage kind from the list.");
                limit.RuleFor(l => l.Amount).InclusiveBetween(1, LimitScenario.MaxAmount).WithMessage("A limit is a whole number from 1 to " + LimitScenario.MaxAmount + ".");
                limit.RuleFor(l => l.Unit).Must(u => u is null or LimitUnit.CalendarDays or LimitUnit.Months).WithMessage("A scenario limit is counted in calendar days or months.");
            });
            RuleFor(c => c.Limits).Must(l => l.Select(x => x.Kind).Distinct().Count() == l.Count).WithMessage("Give each stage kind one limit at most.");
            RuleFor(c => c).Must(c => c.OverallCapMonths is not null || c.Limits.Any(l => l.Amount is not null))
                .WithName("Limits").OverridePropertyName("Limits").WithMessage("Set at least one limit or an overall cap.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, ICurrentUser user, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            if (request.Id is not { } id)
            {
                var created = LimitScenario.Create(request.Name!, request.Description, request.Terms(), request.OverallCapMonths, user.Name, now);
                db.LimitScenarios.Add(created);
                await db.SaveChangesAsync(cancellationToken);
                return created.Id;
            }

            var scenario = await db.LimitScenarios.Include(s => s.Limits).SingleOrDefaultAsync(s => s.Id == id && !s.IsArchived, cancellationToken);
            if (scenario is null)
            {
                return null;
            }

            if (scenario.Version != request.Version)
            {
                throw Conflict(scenario.Version);
            }

            scenario.Change(request.Name!, request.Description, request.Terms(), request.OverallCapMonths, user.Name, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Conflict(Guid.Empty);
            }

            return scenario.Id;
        }

        private static EditConflictException Conflict(Guid current) =>
            new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [string.Empty] = [ConflictMessage] }, current);
    }
}
