using AccountabilityTracker.Application.Common;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Users;

internal static class IdentityErrors
{
    /// <summary>Turns an Identity failure into validation errors on the field it concerns, so forms show it in place.</summary>
    public static void ThrowIfFailed(IdentityResult result, string defaultField)
    {
        if (result.Succeeded)
        {
            return;
        }

        // Another administrator saved the same user between this request's read and its save: the shared refusal of a
        // lost race (nothing of this request was saved), never Identity's "optimistic concurrency failure".
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw EditConflictException.Raced();
        }

        var errors = result.Errors
            .GroupBy(e => FieldFor(e.Code, defaultField))
            .ToDictionary(g => g.Key, g => g.Select(Describe).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        throw new RequestValidationException(errors);
    }

    /// <summary>The user name is the e-mail address here, so Identity's "Username … is already taken" speaks of the e-mail.</summary>
    private static string Describe(IdentityError error) =>
        error.Code is "DuplicateUserName" or "DuplicateEmail" ? "A user with this e-mail address already exists." : error.Description;

    private static string FieldFor(string code, string defaultField) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code is "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" ? "Email"
        : defaultField;
}
