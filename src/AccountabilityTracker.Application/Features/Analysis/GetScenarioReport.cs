using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// A limit scenario beside the rules in force, over the cases the list's filters select: per limit, and per stage kind,
/// force, incident year and operation category, how many stages (and cases) would have breached it and how many went
/// past the rule in force; then the breaching stages, a page at a time. Counted in SQL from the stored dates and clocks.
/// </summary>
public static class GetScenarioReport
{
    public const int PageSize = 25;

    public sealed record Query : CaseFilter, IRequest<Report?>, IReadsStoredClocks
    {
        public int ScenarioId { get; init; }

        public int Page { get; init; } = 1;
    }

    /// <summary>One limit of the scenario (or the overall cap, Code "WholeCase") beside the rule in force for the same stages.</summary>
    public sealed record LimitRow(string Code, string Label, string ScenarioLimit, string RuleInForce, int Stages, int Assessed, int ScenarioBreaches, int ScenarioCases, int RuleBreaches, int RuleCases);

    /// <summary>One group of one dimension (StageKind, Force, IncidentYear, Category): stage and case counts under both.</summary>
    public sealed record GroupRow(string Dimension, string Code, string Label, int Stages, int Assessed, int ScenarioBreaches, int RuleBreaches, int Cases, int ScenarioCases, int RuleCases);

    /// <summary>A stage that would have breached the scenario: when it would have been due and by how many days it went over.</summary>
    public sealed record BreachRow(
        int StageId, int CaseId, string CaseReference, string CaseTitle, string Force, int? IncidentYear, OperationCategory Category,
        StageKind Kind, string Label, DateOnly Start, DateOnly? End, string ScenarioLimit, DateOnly DueBy, int DaysOver, ClockStatus RuleStatus);

    public sealed record Figures(IReadOnlyList<LimitRow> Limits, IReadOnlyList<GroupRow> Groups, int Cases, int ScenarioCases, int RuleCases, int Breaches);

    public sealed record Report(GetScenario.Result Scenario, string Filters, DateTime GeneratedAtUtc, DateOnly Today, Figures Figures, PagedResult<BreachRow> Breaches);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new CaseFilterValidator());
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, ReadCache cache, ClockEvaluator clocks, LimitRuleBook rules, TimeProvider time) : IRequestHandler<Query, Report?>
    {
        public async Task<Report?> Handle(Query request, CancellationToken cancellationToken)
        {
            var scenario = await db.LimitScenarios.AsNoTracking().Include(s => s.Limits)
                .SingleOrDefaultAsync(s => s.Id == request.ScenarioId && !s.IsArchived, cancellationToken);
            if (scenario is null)
            {
                return null;
            }

            var result = GetScenario.From(scenario);
            var today = clocks.Today();
            var ruleSet = await rules.GetAsync(cancellationToken);

            // The figures (with the order of the breaching stages) stay the same until the data, the scenario or the day
            // changes; a page reads its 25 stages by id.
            var computed = await ScenarioFigures.GetAsync(db, cache, result, request with { Page = 1 }, ruleSet, today, cancellationToken);
            var ids = computed.BreachOrder.Skip((request.Page - 1) * PageSize).Take(PageSize).ToList();
            var items = (await ScenarioFigures.RowsAsync(db, ids, cancellationToken)).Select(r => ScenarioFigures.ToBreach(r, result, ruleSet, today)).ToList();
            var figures = computed.Figures;
            return new Report(result, request.Describe(), time.UtcNowDateTime(), today, figures, new PagedResult<BreachRow>(items, request.Page, PageSize, figures.Breaches));
        }
    }
}
