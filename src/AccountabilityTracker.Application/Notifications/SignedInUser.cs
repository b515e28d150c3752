using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;

namespace AccountabilityTracker.Application.Notifications;

internal static class SignedInUser
{
    /// <summary>
    /// The signed-in user's id as a subquery (through Identity's unique index on the normalised user name), so a read
    /// of their own rows is one statement.
    /// </summary>
    public static IQueryable<string> IdOf(TrackerDbContext db, ICurrentUser currentUser)
    {
        var normalized = currentUser.Name.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id);
    }
}
