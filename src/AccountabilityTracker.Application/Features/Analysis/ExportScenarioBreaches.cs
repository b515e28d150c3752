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
    public sealed record Query : CaseFilter, IRequest<Result?>, IReadsStoredClocks
    {
        public int ScenarioId { get; init; }
    }

    public sealed record Result(GetScenarioReport.Report Report, IAsyncEnumerable<GetScenarioReport.BreachRow> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new CaseFilterValidator());
    }

    internal sealed class Handler(IMediator mediator, TrackerDbContext db, ReadCache cache, LimitRuleBook rules) : IRequestHandler<Query, Result?>
    {
        /// <summary>Stages read per round trip while streaming: few enough for any provider's parameter limit.</summary>
        private const int Chunk = 500;

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
            var computed = await ScenarioFigures.GetAsync(db, cache, report.Scenario, filter, ruleSet, report.Today, cancellationToken);
            return new Result(report, Stream(report, computed.BreachOrder, ruleSet, cancellationToken));

            async IAsyncEnumerable<GetScenarioReport.BreachRow> Stream(GetScenarioReport.Report found, IReadOnlyList<int> order, LimitRuleBook.RuleSet set, [EnumeratorCancellation] CancellationToken ct)
            {
                foreach (var ids in order.Chunk(Chunk))
                {
                    foreach (var row in await ScenarioFigures.RowsAsync(db, ids, ct))
                    {
                        yield return ScenarioFigures.ToBreach(row, found.Scenario, set, found.Today);
                    }
                }
            }
        }
    }
}
