using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// Stores the default limit rules from configuration (Clocks:Rules) for every stage kind and the whole case that has no
/// rule yet. Idempotent: a stored rule is never overwritten, so administrators' edits survive restarts.
/// </summary>
public static class SeedLimitRules
{
    public const string SeededBy = "configuration defaults";

    public sealed record Command : IRequest<Result>;

    public sealed record Result(int Added, int AlreadyPresent);

    internal sealed class Handler(TrackerDbContext db, ClockOptions options, TimeProvider time) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var present = await db.LimitRules.Select(r => r.Key).ToListAsync(cancellationToken);
            var now = time.UtcNowDateTime();
            var added = 0;
            foreach (var (kind, values) in options.SeedValues())
            {
                if (present.Contains(LimitRuleSetting.KeyFor(kind), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                db.LimitRules.Add(LimitRuleSetting.Create(kind, values, SeededBy, now));
                added++;
            }

            // The event-to-event rules (regulation 33, judicial review) are seeded from the shipped defaults.
            foreach (var rule in DefaultLimitRules.EventRules)
            {
                if (present.Contains(LimitRuleSetting.EventKeyFor(rule.From, rule.To, rule.Jurisdiction), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                db.LimitRules.Add(LimitRuleSetting.CreateEventRule(rule.From, rule.To, rule.Jurisdiction, rule.Values, SeededBy, now));
                added++;
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(added, present.Count);
        }
    }
}
