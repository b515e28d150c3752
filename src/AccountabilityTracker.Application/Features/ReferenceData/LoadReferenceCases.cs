using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.ReferenceData;

/// <summary>
/// Loads the two sourced reference cases (Kaba 2022, Baker 2015) shipped with the app, plus the milestones drawn from
/// their sources. Idempotent: a case whose external id is already stored is left alone.
/// </summary>
public static class LoadReferenceCases
{
    public const string CasesResource = "AccountabilityTracker.ReferenceData.reference-cases.json";
    public const string MilestonesResource = "AccountabilityTracker.ReferenceData.reference-milestones.json";

    /// <summary>The name the reference data's history rows carry.</summary>
    public const string ReferenceDataActor = "reference data (reference-cases.json)";

    public sealed record Command : IRequest<Result>;

    public sealed record Result(int Added, int AlreadyPresent);

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, ActingFor actingFor) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var entries = await ReadResourceAsync(CasesResource, cancellationToken);
            var milestones = (await ReadResourceAsync(MilestonesResource, cancellationToken))
                .Where(m => m.Id is not null)
                .ToDictionary(m => m.Id!, StringComparer.Ordinal);

            var externalIds = entries.Select(e => e.Id).OfType<string>().ToList();
            var present = await db.Cases.Where(c => c.ExternalId != null && externalIds.Contains(c.ExternalId))
                .Select(c => c.ExternalId!)
                .ToListAsync(cancellationToken);

            var now = time.UtcNowDateTime();
            var added = 0;
            actingFor.Set(ReferenceDataActor);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var missing = entries.Where(e => e.Id is not null && !present.Contains(e.Id)).ToList();
            var references = await CaseReferences.ReserveAsync(db, missing.Select(IncidentYear), cancellationToken);
            foreach (var entry in missing)
            {
                if (milestones.TryGetValue(entry.Id!, out var extra))
                {
                    foreach (var milestone in extra.Milestones)
                    {
                        entry.Milestones.Add(milestone);
                    }
                }

                db.Cases.Add(CaseFileMapper.ToCase(entry, await references.TakeAsync(IncidentYear(entry), cancellationToken), now));
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }

            await transaction.CommitAsync(cancellationToken);

            return new Result(added, present.Count);
        }

        private static int IncidentYear(CaseFileEntry entry) => CaseFileMapper.ToDate(entry.IncidentDate, entry.IncidentDatePrecision).Earliest?.Year ?? 0;

        private static async Task<List<CaseFileEntry>> ReadResourceAsync(string name, CancellationToken cancellationToken)
        {
            await using var stream = typeof(LoadReferenceCases).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
            return await CaseFile.ReadAsync(stream, cancellationToken);
        }
    }
}
