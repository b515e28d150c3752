using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>Shared by the stage clock commands: load the stage to change, and report a broken domain rule beside a field.</summary>
internal static class StageEdit
{
    public static Task<Stage?> FindAsync(TrackerDbContext db, int caseId, int stageId, CancellationToken cancellationToken) =>
        db.Stages
            .Include(s => s.Case)
            .Include(s => s.Pauses)
            .Include(s => s.Extensions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == stageId && s.CaseId == caseId && !s.Case.IsArchived, cancellationToken);

    public static RequestValidationException Refused(string property, DomainRuleException broken) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [property] = [broken.Message] });
}
