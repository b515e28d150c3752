using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// The archive rule, once: an archived case and every part of it (stages, clocks, history) is readable by an
/// administrator only. Every read of a case or a stage by id starts from these filters; writes refuse archived cases
/// for everyone (an administrator restores first).
/// </summary>
public static class CaseVisibility
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        return currentUser.IsAdministrator ? cases : cases.Where(c => !c.IsArchived);
    }

    public static IQueryable<Stage> VisibleTo(this IQueryable<Stage> stages, ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        return currentUser.IsAdministrator ? stages : stages.Where(s => !s.Case.IsArchived);
    }
}
