using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// The one place pages turn a coded value into words for people ("Serious injury", not "SeriousInjury"). The case enums'
/// names live beside them in the domain and are used from here, and a clock's status is worded by ClockView.StatusText;
/// codes stay only in exports and the API, where they are documented.
/// </summary>
public static partial class DisplayNames
{
    public static string Of(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.StageKind => "Stage kind",
        ReportGrouping.Force => "Force",
        ReportGrouping.IncidentYear => "Incident year",
        ReportGrouping.Category => "Operation",
        ReportGrouping.Outcome => "Outcome",
        _ => Words(grouping.ToString()),
    };

    /// <summary>A scenario report's grouping dimension in words.</summary>
    public static string Dimension(string dimension) => dimension switch
    {
        "StageKind" => "Stage kind",
        "IncidentYear" => "Incident year",
        "Category" => "Operation",
        "IncidentType" => "Incident type",
        _ => dimension,
    };

    public static string Of(SecurityEventType type) => type switch
    {
        SecurityEventType.SignInSucceeded => "Signed in",
        SecurityEventType.SignInFailed => "Sign-in failed",
        SecurityEventType.LockedOut => "Locked out after failed sign-ins",
        SecurityEventType.SignedOut => "Signed out",
        SecurityEventType.UserCreated => "User created",
        SecurityEventType.RolesChanged => "Roles changed",
        SecurityEventType.UserLocked => "User locked",
        SecurityEventType.UserUnlocked => "User unlocked",
        SecurityEventType.PasswordReset => "Password reset",
        SecurityEventType.TwoFactorEnabled => "Two-factor sign-in turned on",
        SecurityEventType.TwoFactorDisabled => "Two-factor sign-in turned off",
        SecurityEventType.FirstAdministratorCreated => "First administrator created",
        SecurityEventType.SetupLinkIssued => "Set-up link issued",
        SecurityEventType.AccessTokenCreated => "API token created",
        SecurityEventType.AccessTokenRevoked => "API token revoked",
        _ => Words(type.ToString()),
    };

    public static string Of(DatePrecision precision) => precision switch
    {
        DatePrecision.Day => "Exact day",
        DatePrecision.Month => "Month only",
        DatePrecision.Year => "Year only",
        _ => "Date unknown",
    };

    /// <summary>
    /// A value recorded in a case's history, in words when its field holds a coded value (a stage kind, a harm, a
    /// precision); any other value is shown as recorded.
    /// </summary>
    public static string? HistoryValue(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return field switch
        {
            "Kind" when Enum.TryParse<StageKind>(value, out var kind) => kind.DisplayName(),
            "Harm" when Enum.TryParse<Harm>(value, out var harm) => harm.DisplayName(),
            "Incident type" when Enum.TryParse<IncidentType>(value, out var type) => type.DisplayName(),
            "Category" when Enum.TryParse<OperationCategory>(value, out var category) => category.DisplayName(),
            _ when field.EndsWith("precision", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<DatePrecision>(value, out var precision) => Of(precision),
            _ => value,
        };
    }

    /// <summary>The filters of a list or report in words ("Force Kent Police; stage kind Inquest"), or "none".</summary>
    public static string Filters(Application.Features.Cases.CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name} {value}");
            }
        }

        Add("text", filter.Text is null ? null : $"“{filter.Text}”");
        Add("force", filter.Force);
        Add("incidents from", filter.YearFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("incidents to", filter.YearTo?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("incident type", filter.IncidentType?.DisplayName());
        Add("operation", filter.Category?.DisplayName());
        Add("stage kind", filter.StageKind?.DisplayName());
        Add("outcome containing", filter.Outcome is null ? null : $"“{filter.Outcome}”");
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    /// <summary>"SeriousInjury" → "Serious injury": only for a value added to an enum without words here yet.</summary>
    public static string Words(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var spaced = WordStart().Replace(code, " $1").Trim().ToLowerInvariant();
        return spaced.Length == 0 ? spaced : char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
