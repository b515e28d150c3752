using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>One stage's clock with its pauses and extensions: the page the pause and extension forms sit on.</summary>
public static class GetStageClock
{
    public sealed record Query(int CaseId, int StageId) : IRequest<Result?>, IReadsStoredClocks;

    public sealed record Result(
        int CaseId,
        string CaseReference,
        string CaseTitle,
        int StageId,
        StageKind Kind,
        string Label,
        PartialDate Start,
        PartialDate? End,
        ClockView Clock,
        IReadOnlyList<PauseView> Pauses,
        IReadOnlyList<ExtensionView> Extensions,
        bool IsArchived = false)
    {
        public bool IsPaused => Pauses.Any(p => p.To is null);

        public bool CanPause => Start.IsKnown;

        /// <summary>Archived cases are read-only for everyone: no pause, resume or extension forms.</summary>
        public bool CanEdit => !IsArchived;
    }

    public sealed record PauseView(int Id, DateOnly From, DateOnly? To, string Reason);

    public sealed record ExtensionView(int Id, DateOnly GrantedOn, string NewLimit, string Reason);

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks, ICurrentUser currentUser) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var stage = await db.Stages
                .VisibleTo(currentUser)
                .AsNoTracking()
                .AsSplitQuery()
                .Include(s => s.Case)
                .Include(s => s.Pauses)
                .Include(s => s.Extensions)
                .SingleOrDefaultAsync(s => s.Id == request.StageId && s.CaseId == request.CaseId, cancellationToken);
            if (stage is null)
            {
                return null;
            }

            var rule = (await rules.GetAsync(cancellationToken)).For(stage.Kind, stage.Case.Jurisdiction);
            var clock = StoredClockViews.OfStage(stage, rule, clocks.Today());

            var pauses = stage.Pauses.OrderBy(p => p.From).Select(p => new PauseView(p.Id, p.From, p.To, p.Reason)).ToList();
            var extensions = stage.Extensions
                .OrderBy(e => e.GrantedOn)
                .ThenBy(e => e.Id)
                .Select(e => new ExtensionView(e.Id, e.GrantedOn, LimitRule.FormatAmount(e.NewAmount, e.NewUnit ?? rule?.Unit ?? LimitUnit.CalendarDays), e.Reason))
                .ToList();
            return new Result(
                stage.CaseId, stage.Case.Reference, stage.Case.Title, stage.Id, stage.Kind, stage.Label, stage.Start, stage.End,
                clock, pauses, extensions, stage.Case.IsArchived);
        }
    }
}
