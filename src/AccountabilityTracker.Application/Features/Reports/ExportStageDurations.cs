using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Reports;

/// <summary>
/// Row-level export: one row per stage of the filtered cases, read lazily from the database while the response is written.
/// Restricted fields (officer names, confidential notes) are not among the columns, whoever asks.
/// </summary>
public static class ExportStageDurations
{
    public sealed record Query : CaseFilter, IRequest<Result>, IReadsStoredClocks;

    public sealed record Result(string Filters, DateTime GeneratedAtUtc, IAsyncEnumerable<StageDurationRow> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new CaseFilterValidator());
    }

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public Task<Result> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(new Result(
                request.Describe(),
                time.GetUtcNow().UtcDateTime,
                StageDurationSource.StreamAsync(db, rules, clocks, request, cancellationToken)));
    }
}
