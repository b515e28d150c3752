namespace AccountabilityTracker.Application.Common;

public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with the user's own % and _ taken literally.</summary>
    public static string Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.Trim()
            .Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
