namespace AccountabilityTracker.Application.Common;

public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    /// <summary>
    /// A lower-case LIKE pattern matching <paramref name="text"/> anywhere, with the user's own % and _ taken literally.
    /// Compare it with the column's <c>ToLower()</c> (translated to SQL <c>lower()</c>): LIKE ignores case on SQLite and
    /// on SQL Server's usual collations but not on PostgreSQL, so lowering both sides gives one behaviour everywhere.
    /// </summary>
    public static string Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.Trim().ToLowerInvariant()
            .Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
