namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// An officer involved, known by a cipher (NX121, W80). The real name is restricted: it may never be held at all,
/// and while held it is shown only to roles allowed to see it.
/// </summary>
public sealed class Officer
{
    private Officer()
    {
        Cipher = string.Empty;
        Case = null!;
    }

    internal Officer(Case owner, string cipher, string? realName, bool underAnonymityOrder, DateOnly? publiclyNamedOn)
    {
        Case = owner;
        Cipher = cipher.Trim().ToUpperInvariant();
        RealName = string.IsNullOrWhiteSpace(realName) ? null : realName.Trim();
        UnderAnonymityOrder = underAnonymityOrder;
        PubliclyNamedOn = publiclyNamedOn;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    public string Cipher { get; private set; }

    /// <summary>Restricted: never shown to researchers or analysts.</summary>
    public string? RealName { get; private set; }

    public bool UnderAnonymityOrder { get; private set; }

    /// <summary>When the name became public (NX121: 8 March 2024), if it has.</summary>
    public DateOnly? PubliclyNamedOn { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    /// <summary>Corrects the cipher, records or clears the restricted name, and notes an anonymity order or a public naming.</summary>
    public void Edit(string cipher, string? realName, bool underAnonymityOrder, DateOnly? publiclyNamedOn, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cipher);
        Case.RequireUniqueCipher(cipher, except: this);
        Cipher = cipher.Trim().ToUpperInvariant();
        RealName = string.IsNullOrWhiteSpace(realName) ? null : realName.Trim();
        UnderAnonymityOrder = underAnonymityOrder;
        PubliclyNamedOn = publiclyNamedOn;
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }
}
