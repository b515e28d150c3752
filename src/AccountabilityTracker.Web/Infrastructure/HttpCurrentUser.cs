using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Security;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>The signed-in user of the current request, as the application layer sees them.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string Name => accessor.HttpContext?.User.Identity?.Name ?? "anonymous";

    public bool CanSeeRestricted =>
        accessor.HttpContext?.User is { } user && Roles.SeeRestrictedFields.Any(user.IsInRole);
}
