using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>One saved scenario, as its edit form and its report need it.</summary>
public static class GetScenario
{
    public sealed record Query(int Id) : IRequest<Result?>;

    public sealed record Result(int Id, Guid Version, string Name, string? Description, int? OverallCapMonths, IReadOnlyList<ScenarioLimitTerms> Limits, string UpdatedBy, DateTime UpdatedAtUtc)
    {
        public IReadOnlyList<string> Describe() =>
            [.. Limits.Select(l => l.Kind.DisplayName() + ": " + LimitRule.FormatAmount(l.Amount, l.Unit)),
             .. OverallCapMonths is { } cap ? new[] { "Whole case: " + LimitRule.FormatAmount(cap, LimitUnit.Months) } : []];
    }

    internal static IReadOnlyList<string> Describe(LimitScenario s) => From(s).Describe();

    internal static Result From(LimitScenario s) =>
        new(s.Id, s.Version, s.Name, s.Description, s.OverallCapMonths, [.. s.Limits.Select(l => l.Terms)], s.UpdatedBy, s.UpdatedAtUtc);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var scenario = await db.LimitScenarios.AsNoTracking().Include(s => s.Limits)
                .SingleOrDefaultAsync(s => s.Id == request.Id && !s.IsArchived, cancellationToken);
            return scenario is null ? null : From(scenario);
        }
    }
}
