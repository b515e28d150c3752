using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>One limit rule's current values, for the edit form.</summary>
public static class GetLimitRule
{
    public sealed record Query(string Key) : IRequest<Result?>;

    public sealed record Result(string Key, string Name, bool IsWholeCase, LimitRuleValues Values, Guid Version);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var key = UpdateLimitRule.StoredKey(request.Key);
            if (key is null)
            {
                return null;
            }

            var setting = await db.LimitRules.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
            return setting is null ? null : new Result(setting.Key, setting.DisplayName, setting.IsWholeCase, setting.Values, setting.Version);
        }
    }
}
