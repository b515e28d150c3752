using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// An administrator changes a limit rule. Every changed field is written to the rule-change audit table in the same
/// save; statuses are evaluated on read, so every case sees the new rule at once.
/// </summary>
public static class UpdateLimitRule
{
    public const string ConflictMessage = "Someone else changed this rule while you were editing it. Reload the page to see their change, then try again.";

    public sealed record Command : IRequest<Result?>
    {
        public required string Key { get; init; }

        public Guid Version { get; init; }

        public bool IsEnabled { get; init; }

        public int Amount { get; init; }

        public LimitUnit Unit { get; init; }

        public ClockAnchor Anchor { get; init; }

        public int WarningPercent { get; init; }

        public int? FirstReportAfterMonths { get; init; }

        public int? ReportEveryMonths { get; init; }

        public string? LegalSource { get; init; }

        public bool IsStatutory { get; init; }
    }

    /// <summary>How many fields changed (0 when the form was saved unchanged).</summary>
    public sealed record Result(int FieldsChanged);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(LimitRuleSetting.IsKey).WithMessage("Choose a limit rule from the list.");
            RuleFor(c => c.LegalSource).MaximumLength(TextLimits.LegalSource).WithMessage("The legal source can be at most {MaxLength} characters.");

            // The domain's own checks, reported per field so the form shows each beside its input.
            RuleFor(c => c).Custom((command, context) =>
            {
                var eventRule = LimitRuleSetting.TryParseEventKey(command.Key, out _, out _, out _);
                if (!LimitRuleSetting.TryParseKey(command.Key, out var kind) && !eventRule)
                {
                    return;
                }

                foreach (var error in LimitRule.Validate(kind, command.Amount, command.Unit, command.Anchor, command.WarningPercent, command.FirstReportAfterMonths, command.ReportEveryMonths, eventRule))
                {
                    context.AddFailure(error.Property, error.Message);
                }
            });
        }
    }

    /// <summary>The key as stored (a stage kind's or event rule's canonical spelling), or null when it names no rule.</summary>
    internal static string? StoredKey(string? key) =>
        LimitRuleSetting.TryParseKey(key, out var kind) ? LimitRuleSetting.KeyFor(kind)
        : LimitRuleSetting.TryParseEventKey(key, out var from, out var to, out var jurisdiction) ? LimitRuleSetting.EventKeyFor(from, to, jurisdiction)
        : null;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser user, TimeProvider time, ClockRecorder clocks) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command request, CancellationToken cancellationToken)
        {
            var key = StoredKey(request.Key);
            if (key is null)
            {
                return null;
            }

            var setting = await db.LimitRules.SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
            if (setting is null)
            {
                return null;
            }

            if (setting.Version != request.Version)
            {
                throw Conflict();
            }

            var values = new LimitRuleValues(
                request.IsEnabled, request.Amount, request.Unit, request.Anchor, request.WarningPercent,
                request.FirstReportAfterMonths, request.ReportEveryMonths, request.LegalSource ?? string.Empty, request.IsStatutory);
            var changes = setting.Change(values, user.Name, time.UtcNowDateTime());
            if (changes.Count == 0)
            {
                return new Result(0);
            }

            db.LimitRuleChanges.AddRange(changes);

            // The rule and every clock it governs change together, so every page shows the new rule at once.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // A start-up recompute or another rule change computing clocks meanwhile would overwrite these with its own rules.
            await ClockRecorder.LockBasisAsync(db, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Conflict();
            }

            await clocks.RecordAllAsync(db, setting.StageKind, wholeCase: setting.IsWholeCase, milestonesOnly: setting.IsEventRule, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(changes.Count);
        }

        private static EditConflictException Conflict() =>
            new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [string.Empty] = [ConflictMessage] }, Guid.Empty);
    }
}
