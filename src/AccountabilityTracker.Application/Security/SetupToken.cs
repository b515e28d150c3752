namespace AccountabilityTracker.Application.Security;

/// <summary>
/// The one-time link that lets the first visitor create the first administrator. Only a hash of the token is stored;
/// it works once, and only while no user exists.
/// </summary>
public sealed class SetupToken
{
    private SetupToken()
    {
        TokenHash = string.Empty;
    }

    public SetupToken(string tokenHash, DateTime issuedAtUtc)
    {
        TokenHash = tokenHash;
        IssuedAtUtc = issuedAtUtc;
    }

    public int Id { get; private set; }

    public string TokenHash { get; private set; }

    public DateTime IssuedAtUtc { get; private set; }

    public DateTime? UsedAtUtc { get; private set; }

    public bool IsUsable => UsedAtUtc is null;

    public void MarkUsed(DateTime nowUtc) => UsedAtUtc = nowUtc;

    public void Revoke(DateTime nowUtc) => UsedAtUtc ??= nowUtc;
}
