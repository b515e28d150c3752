namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// What the record says about an officer: a cipher, a name, or both. A name is public (with or without the day it
/// became public) or restricted; an anonymity order may be made, varied and lifted on dates.
/// </summary>
public sealed record OfficerDetails(
    string? Cipher,
    string? Name,
    bool NameIsPublic,
    DateOnly? NamedOn,
    bool UnderAnonymityOrder,
    DateOnly? AnonymityOrderMadeOn = null,
    DateOnly? AnonymityOrderVariedOn = null,
    DateOnly? AnonymityOrderLiftedOn = null,
    string? Notes = null);

/// <summary>
/// An officer involved, known by a cipher (NX121, W80), a name, or both. A restricted name is shown only to roles
/// allowed to see restricted fields; a public name to everyone. The tracker can hold a cipher without ever holding a name.
/// </summary>
public sealed class Officer
{
    private Officer()
    {
        Case = null!;
    }

    internal Officer(Case owner, OfficerDetails details)
    {
        Case = owner;
        Apply(details);
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    /// <summary>The cipher the officer is known by, or null for an officer never given one (e.g. named at trial).</summary>
    public string? Cipher { get; private set; }

    /// <summary>The officer's name; restricted unless <see cref="NameIsPublic"/>.</summary>
    public string? RealName { get; private set; }

    /// <summary>True when the name is public (named in court or by the force); otherwise it is restricted.</summary>
    public bool NameIsPublic { get; private set; }

    public bool UnderAnonymityOrder { get; private set; }

    /// <summary>When the name became public (NX121: 8 March 2024), if that is known.</summary>
    public DateOnly? PubliclyNamedOn { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    public DateOnly? AnonymityOrderMadeOn { get; private set; }

    public DateOnly? AnonymityOrderVariedOn { get; private set; }

    public DateOnly? AnonymityOrderLiftedOn { get; private set; }

    /// <summary>Anything else the record says about how the officer is known (e.g. "former PC, named by the Old Bailey").</summary>
    public string? Notes { get; private set; }

    /// <summary>The name as a reader with (or without) access to restricted fields may see it.</summary>
    public string? VisibleName(bool canSeeRestricted) => NameIsPublic || canSeeRestricted ? RealName : null;

    /// <summary>How the officer is called to a reader: the cipher, else the visible name, else "officer (name restricted)".</summary>
    public string Designation(bool canSeeRestricted) => DesignationOf(Cipher, RealName, NameIsPublic, canSeeRestricted);

    /// <summary>The designation from stored values (for queries that project columns rather than load officers).</summary>
    public static string DesignationOf(string? cipher, string? realName, bool nameIsPublic, bool canSeeRestricted) =>
        cipher ?? (nameIsPublic || canSeeRestricted ? realName : null) ?? "Officer (name restricted)";

    /// <summary>Corrects the cipher, records or clears the restricted name, and notes an anonymity order or a public naming.</summary>
    public void Edit(string? cipher, string? realName, bool underAnonymityOrder, DateOnly? publiclyNamedOn, DateTime nowUtc) =>
        Edit(new OfficerDetails(cipher, realName, NameIsPublic || publiclyNamedOn is not null, publiclyNamedOn, underAnonymityOrder, AnonymityOrderMadeOn, AnonymityOrderVariedOn, AnonymityOrderLiftedOn, Notes), nowUtc);

    public void Edit(OfficerDetails details, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (!string.IsNullOrWhiteSpace(details.Cipher))
        {
            Case.RequireUniqueCipher(details.Cipher, except: this);
        }

        Apply(details);
        Case.PartChanged(nowUtc);
    }

    private void Apply(OfficerDetails details)
    {
        var cipher = string.IsNullOrWhiteSpace(details.Cipher) ? null : details.Cipher.Trim().ToUpperInvariant();
        var name = string.IsNullOrWhiteSpace(details.Name) ? null : details.Name.Trim();
        if (cipher is null && name is null)
        {
            throw new DomainRuleException("Give the officer's cipher, name, or both.");
        }

        if (details.AnonymityOrderLiftedOn is { } lifted && details.AnonymityOrderMadeOn is { } made && lifted < made)
        {
            throw new DomainRuleException("An anonymity order cannot be lifted before it was made.");
        }

        Cipher = cipher;
        RealName = name;
        NameIsPublic = name is not null && details.NameIsPublic;
        PubliclyNamedOn = details.NamedOn;
        UnderAnonymityOrder = details.UnderAnonymityOrder;
        AnonymityOrderMadeOn = details.AnonymityOrderMadeOn;
        AnonymityOrderVariedOn = details.AnonymityOrderVariedOn;
        AnonymityOrderLiftedOn = details.AnonymityOrderLiftedOn;
        Notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim();
        Version = Guid.NewGuid();
    }
}
