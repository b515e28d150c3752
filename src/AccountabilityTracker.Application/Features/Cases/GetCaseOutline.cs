using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// The heading of an active case's forms (reference, title) and the stages and milestones a source can be attached to.
/// Archived cases have no outline: they cannot be edited.
/// </summary>
public static class GetCaseOutline
{
    public sealed record Query(int Id) : IRequest<Result?>;

    public sealed record Result(int Id, string Reference, string Title, PartialDate IncidentDate, IReadOnlyList<Part> Stages, IReadOnlyList<Part> Milestones)
    {
        /// <summary>The case's officers an event can be recorded for, as the current user may see them.</summary>
        public IReadOnlyList<Part> Officers { get; init; } = [];
    }

    public sealed record Part(int Id, string Name);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.AsNoTracking()
                .Where(c => c.Id == request.Id && !c.IsArchived)
                .Select(c => new
                {
                    c.Id, c.Reference, c.Title, c.IncidentOn, c.IncidentPrecision,
                    Stages = c.Stages.OrderBy(s => s.StartOn).ThenBy(s => s.Id).Select(s => new { s.Id, s.Kind, s.Label }).ToList(),
                    Milestones = c.Milestones.OrderBy(m => m.OccurredOn).ThenBy(m => m.Id).Select(m => new Part(m.Id, m.Label)).ToList(),
                    Officers = c.Officers.OrderBy(o => o.Id).Select(o => new { o.Id, o.Cipher, o.RealName, o.NameIsPublic }).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            return found is null
                ? null
                : new Result(found.Id, found.Reference, found.Title, PartialDate.FromStored(found.IncidentOn, found.IncidentPrecision),
                    found.Stages.Select(s => new Part(s.Id, $"{s.Kind.DisplayName()}: {s.Label}")).ToList(), found.Milestones)
                {
                    Officers = [.. found.Officers.Select(o => new Part(o.Id, Officer.DesignationOf(o.Cipher, o.RealName, o.NameIsPublic, currentUser.CanSeeRestricted)))],
                };
        }
    }
}
