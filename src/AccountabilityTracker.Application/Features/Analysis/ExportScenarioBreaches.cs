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

/// <summary>Every stage that would have breached a scenario, streamed for the exports (no page, no limit on the count).</summary>
public static class ExportScenarioBreaches
{
    public sealed record Query : CaseFilter, IRequest<Result?>
    {
        public int ScenarioId { get; init; }
    }

    public sealed record Result(GetScenarioReport.Report Report, IAsyncEnumerable<GetScenarioReport.BreachRow> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new CaseFilterValidator());
    }

    internal sealed class Handler(IMediator mediator, TrackerDbContext db, ClockEvaluator clocks, LimitRuleBook rules) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var filter = new GetScenarioReport.Query
            {
                ScenarioId = request.ScenarioId, Text = request.Text, Force = request.Force, YearFrom = request.YearFrom, YearTo = request.YearTo,
                IncidentType = request.IncidentType, Category = request.Category, StageKind = request.StageKind, Outcome = request.Outcome,
            };
            var report = await mediator.Send(filter, cancellationToken);
            if (report is null)
            {
                return null;
            }

            var ruleSet = await rules.GetAsync(cancellationToken);
            return new Result(report, Stream(report, filter, ruleSet, cancellationToken));

            async IAsyncEnumerable<GetScenarioReport.BreachRow> Stream(GetScenarioReport.Report found, CaseFilter cases, LimitRuleBook.RuleSet set, [EnumeratorCancellation] CancellationToken ct)
            {
                await foreach (var row in ScenarioFigures.Rows(db, found.Scenario, cases, found.Today).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return ScenarioFigures.ToBreach(row, found.Scenario, set, clocks.Today());
                }
            }
        }
    }
}
