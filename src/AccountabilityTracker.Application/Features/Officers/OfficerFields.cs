using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;

namespace AccountabilityTracker.Application.Features.Officers;

/// <summary>The fields of the officer form, shared by <see cref="AddOfficer"/> and <see cref="EditOfficer"/>.</summary>
public abstract partial record OfficerFields
{
    /// <summary>1–16 letters and digits, e.g. NX121, W80.</summary>
    public string? Cipher { get; init; }

    /// <summary>The officer's name: restricted unless <see cref="NameIsPublic"/>; leave empty unless the name may be held.</summary>
    public string? RealName { get; init; }

    /// <summary>True when the name has been made public (named in court, by the force): then every role sees it.</summary>
    public bool NameIsPublic { get; init; }

    public bool UnderAnonymityOrder { get; init; }

    /// <summary>The day the name became public, YYYY-MM-DD, if it has.</summary>
    public string? PubliclyNamedOn { get; init; }

    internal DateOnly? NamedOn => DateInput.TryParseDay(PubliclyNamedOn, out var day) ? day : null;

    internal string? CleanCipher => string.IsNullOrWhiteSpace(Cipher) ? null : Cipher.Trim();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]{1,16}$")]
    internal static partial System.Text.RegularExpressions.Regex CipherShape();
}

public sealed class OfficerFieldsRules : AbstractValidator<OfficerFields>
{
    public OfficerFieldsRules(TimeProvider time)
    {
        RuleFor(o => o.Cipher).NotEmpty().When(o => string.IsNullOrWhiteSpace(o.RealName)).WithMessage("Give the officer's cipher (e.g. NX121), a name, or both.");
        RuleFor(o => o.NameIsPublic).Equal(false).When(o => string.IsNullOrWhiteSpace(o.RealName)).WithMessage("Give the name that was made public, or untick “The name is public”.");
        RuleFor(o => o.Cipher).Must(c => OfficerFields.CipherShape().IsMatch(c!.Trim())).When(o => !string.IsNullOrWhiteSpace(o.Cipher))
            .WithMessage($"A cipher is 1 to {TextLimits.Cipher} letters and digits, with no spaces, e.g. NX121 or W80.");
        RuleFor(o => o.RealName).PlainText(TextLimits.PersonName);
        RuleFor(o => o.PubliclyNamedOn).OptionalDay(time);
    }
}
