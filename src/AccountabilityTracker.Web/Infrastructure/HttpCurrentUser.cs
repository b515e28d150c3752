using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Security;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>The signed-in user of the current request, as the application layer sees them.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>The signed-in user's name; "system" for work outside a request (start-up loads the reference cases).</summary>
    public string Name => accessor.HttpContext is { } context ? context.User.Identity?.Name ?? "anonymous" : "system";

    public bool CanSeeRestricted =>
        accessor.HttpContext?.User is { } user && Roles.SeeRestrictedFields.Any(user.IsInRole);

    public bool IsAdministrator => accessor.HttpContext?.User.IsInRole(Roles.Administrator) == true;
}
