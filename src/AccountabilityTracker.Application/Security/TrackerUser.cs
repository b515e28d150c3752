using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Security;

/// <summary>A person who signs in. Roles come from <see cref="Roles"/>; a user may hold several.</summary>
public sealed class TrackerUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}
