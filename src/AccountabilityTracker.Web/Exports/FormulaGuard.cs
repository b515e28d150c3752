namespace AccountabilityTracker.Web.Exports;

/// <summary>
/// Neutralises text that a spreadsheet would run as a formula (CSV injection): a cell starting with
/// = + - @ tab or carriage return gets a leading apostrophe, which spreadsheets show as text.
/// </summary>
public static class FormulaGuard
{
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
