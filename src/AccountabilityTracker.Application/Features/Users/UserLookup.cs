using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

internal static class UserLookup
{
    public static async Task<TrackerUser> FindRequiredAsync(this UserManager<TrackerUser> users, string userId) =>
        await users.FindByIdAsync(userId)
        ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["UserId"] = ["That user does not exist."] });
}
