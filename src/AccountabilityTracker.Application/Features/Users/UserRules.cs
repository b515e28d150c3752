using AccountabilityTracker.Application.Security;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Users;

/// <summary>Validation rules shared by the user use cases.</summary>
internal static class UserRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter an email address.")
            .MaximumLength(256).WithMessage("An email address can be at most {MaxLength} characters.")
            .EmailAddress().WithMessage("Enter an email address like name@example.org.");

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a password.")
            .MinimumLength(PasswordRules.MinimumLength).WithMessage("A password needs at least {MinLength} characters.")
            .MaximumLength(PasswordRules.MaximumLength).WithMessage("A password can be at most {MaxLength} characters.")
            .Must(p => p is null || p.Distinct().Count() >= PasswordRules.RequiredUniqueCharacters)
            .WithMessage($"A password needs at least {PasswordRules.RequiredUniqueCharacters} different characters.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> ValidRoles<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotNull().Must(r => r.Count > 0).WithMessage("Choose at least one role.")
            .Must(r => r.All(role => Roles.All.Contains(role, StringComparer.Ordinal))).WithMessage("Choose roles from the list.");
}
