using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

internal static class CurrentUserLookup
{
    public static async Task<TrackerUser> FindSignedInAsync(this UserManager<TrackerUser> users, ICurrentUser currentUser) =>
        await users.FindByNameAsync(currentUser.Name)
        ?? throw new InvalidOperationException("The signed-in user no longer exists.");
}
