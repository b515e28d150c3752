using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// The context figures (armed operations, discharge incidents, armed officers…) per area and year, each with its source
/// and the wording of its release, beside the tracker's own counts for the same area and year, so rates can be read:
/// fatal shootings per 10,000 firearms operations, always with both counts beside the rate.
/// </summary>
public static class GetContextReport
{
    /// <summary>A rate is drawn as a figure only when its base is at least this; below it only the counts are given.</summary>
    public const int MinimumOperationsForRate = 1000;

    public sealed record Query : IRequest<Report>;

    public sealed record Figure(string Measure, decimal Value, FigureQualifier Qualifier, string SourceUrl, string? Publisher, string? Published, string Wording, string? Note);

    /// <summary>
    /// One area and period: its figures and the tracker's cases with an incident in that period (financial year 1 April
    /// to 31 March) in that area (England and Wales: every case there; a force: its cases). Incidents known only to the
    /// year cannot be placed in a financial year and are counted apart.
    /// </summary>
    public sealed record Row(string Area, DateOnly? YearEnding, string? PeriodNote, IReadOnlyList<Figure> Figures, int? Cases, int? FatalShootings, int? YearOnlyIncidents)
    {
        public string Period => YearEnding is { } end ? $"{end.Year - 1}/{end.Year % 100:00} (year ending {end:d MMM yyyy})" : PeriodNote ?? "period not stated";

        public Figure? Of(string measure) => Figures.FirstOrDefault(f => f.Measure == measure);

        /// <summary>Fatal shootings per 10,000 firearms operations; null without both counts or with too small a base.</summary>
        public double? FatalShootingsPer10000Operations =>
            FatalShootings is { } shootings && Of("firearms_operations") is { Qualifier: FigureQualifier.Exact, Value: >= MinimumOperationsForRate } ops
                ? Math.Round(shootings * 10000d / (double)ops.Value, 2) : null;
    }

    public sealed record Report(DateTime GeneratedAtUtc, IReadOnlyList<Row> Rows);

    internal sealed class Handler(TrackerDbContext db, ReadCache cache, TimeProvider time) : IRequestHandler<Query, Report>
    {
        /// <summary>Cached until the cases change (the data version) or a figure is imported (a new figure has a new id).</summary>
        public async Task<Report> Handle(Query request, CancellationToken cancellationToken)
        {
            var latest = await db.ContextFigures.MaxAsync(f => (int?)f.Id, cancellationToken) ?? 0;
            return new(time.UtcNowDateTime(), await cache.GetAsync(db, "context-report:" + latest.ToString(System.Globalization.CultureInfo.InvariantCulture), ComputeAsync, cancellationToken));
        }

        private async Task<IReadOnlyList<Row>> ComputeAsync(CancellationToken cancellationToken)
        {
            var figures = await db.ContextFigures.AsNoTracking().Where(f => !f.IsArchived)
                .OrderBy(f => f.YearEnding == null).ThenBy(f => f.YearEnding).ThenBy(f => f.Area).ThenBy(f => f.Measure)
                .ToListAsync(cancellationToken);
            var rows = new List<Row>();
            foreach (var group in figures.GroupBy(f => (f.Area, f.YearEnding, f.PeriodNote)))
            {
                var (area, yearEnding, note) = group.Key;
                int? cases = null, fatal = null, yearOnly = null;
                if (yearEnding is { } end)
                {
                    var start = end.AddYears(-1).AddDays(1);
                    var inArea = db.Cases.AsNoTracking().Where(c => !c.IsArchived);
                    inArea = area == "England and Wales" ? inArea.Where(c => c.Jurisdiction == Jurisdiction.EnglandAndWales) : inArea.Where(c => c.Force == area);
                    var placed = inArea.Where(c => c.IncidentOn >= start && c.IncidentOn <= end && (c.IncidentPrecision == DatePrecision.Day || c.IncidentPrecision == DatePrecision.Month));
                    cases = await placed.CountAsync(cancellationToken);
                    fatal = await placed.CountAsync(c => c.IncidentType == IncidentType.Shooting && c.Harm == Harm.Fatal, cancellationToken);
                    yearOnly = await inArea.CountAsync(c => c.IncidentPrecision == DatePrecision.Year && (c.IncidentOn!.Value.Year == start.Year || c.IncidentOn!.Value.Year == end.Year), cancellationToken);
                }

                rows.Add(new Row(area, yearEnding, note, [.. group.Select(f => new Figure(f.Measure, f.Value, f.Qualifier, f.SourceUrl, f.Publisher, f.Published, f.Wording, f.Note))], cases, fatal, yearOnly));
            }

            return rows;
        }
    }
}
