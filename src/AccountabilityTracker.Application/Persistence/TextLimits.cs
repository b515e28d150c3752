namespace AccountabilityTracker.Application.Persistence;

/// <summary>Column lengths, shared by the EF mapping and the validators so the two never disagree.</summary>
public static class TextLimits
{
    public const int Reference = 20;
    public const int ExternalId = 100;
    public const int Title = 300;
    public const int Subject = 200;
    public const int Location = 300;
    public const int Force = 100;
    public const int EnumName = 40;
    public const int Cipher = 16;
    public const int PersonName = 200;
    public const int Url = 2000;
    public const int Publisher = 200;
    public const int LongText = 4000;
    public const int SearchText = 200;
    public const int Email = 256;
    public const int Reason = 1000;
    public const int LegalSource = 300;
    public const int UserName = 256;
}
