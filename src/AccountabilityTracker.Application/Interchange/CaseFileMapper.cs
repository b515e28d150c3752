using System.Globalization;
using System.Text.RegularExpressions;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Interchange;

/// <summary>Turns interchange entries into domain cases. Entries are assumed valid (the importer validates first).</summary>
public static partial class CaseFileMapper
{
    /// <summary>A file may leave the place out; a case needs one, so it reads as this until someone records it.</summary>
    public const string LocationNotGiven = "not recorded";

    /// <summary>A file may leave the subject out, as the reference data does when no name was published.</summary>
    public const string SubjectNotGiven = "not published";

    public static PartialDate ToDate(string? text, string? precision)
    {
        if (!PartialDate.TryParseIso(text, out var date))
        {
            return PartialDate.Unknown;
        }

        return precision?.ToUpperInvariant() switch
        {
            "MONTH" when date.Precision >= DatePrecision.Month => PartialDate.InMonth(date.Earliest!.Value.Year, date.Earliest.Value.Month),
            "YEAR" => PartialDate.InYear(date.Earliest!.Value.Year),
            _ => date,
        };
    }

    /// <summary>
    /// Splits "Metropolitan Police Service (Specialist Firearms Command)" into a known force and the unit named after it.
    /// </summary>
    public static (string Force, string? Unit) SplitForce(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var open = trimmed.IndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && trimmed.EndsWith(')'))
        {
            var force = trimmed[..open];
            if (Forces.IsKnown(force))
            {
                return (force, trimmed[(open + 2)..^1]);
            }
        }

        return (trimmed, null);
    }

    /// <summary>Reads "NX121 (publicly named as Sgt Martyn Blake on 8 March 2024)" or a bare "W80".</summary>
    public static (string Cipher, string? RealName, DateOnly? NamedOn) ParseOfficer(string designation)
    {
        var match = OfficerDesignation().Match(designation.Trim());
        if (!match.Success)
        {
            return (designation.Trim(), null, null);
        }

        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        DateOnly? namedOn = DateOnly.TryParseExact(match.Groups["date"].Value, "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return (match.Groups["cipher"].Value, name, namedOn);
    }

    /// <summary>The case's descriptive fields as the entry gives them, with the defaults the format documents.</summary>
    public static CaseParticulars ToParticulars(CaseFileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (force, unit) = SplitForce(entry.Force);
        var category = ParseEnum(entry.Category, (unit ?? string.Empty).Contains("counter-terrorism", StringComparison.OrdinalIgnoreCase)
            ? OperationCategory.CounterTerrorism
            : OperationCategory.OtherCriminalOperation);
        var title = entry.Title ?? string.Empty;
        return new CaseParticulars(
            title,
            entry.Subject ?? SubjectNotGiven,
            ToDate(entry.IncidentDate, entry.IncidentDatePrecision),
            null,
            entry.Location ?? LocationNotGiven,
            force,
            ParseEnum(entry.IncidentType, title.Contains("shooting", StringComparison.OrdinalIgnoreCase) ? IncidentType.Shooting : IncidentType.Other),
            ParseEnum(entry.Harm, title.Contains("fatal", StringComparison.OrdinalIgnoreCase) ? Harm.Fatal : Harm.Other),
            category,
            unit is null ? null : "Unit: " + unit);
    }

    public static Case ToCase(CaseFileEntry entry, string reference, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var particulars = ToParticulars(entry);

        var created = Case.Open(reference, particulars, nowUtc, entry.Id);

        foreach (var designation in entry.OfficerDesignations)
        {
            var (cipher, realName, namedOn) = ParseOfficer(designation);
            created.AddOfficer(cipher, realName, underAnonymityOrder: realName is null, namedOn, nowUtc);
        }

        foreach (var stageEntry in entry.Stages)
        {
            var end = stageEntry.EndDate is null && stageEntry.EndPrecision is null ? (PartialDate?)null : ToDate(stageEntry.EndDate, stageEntry.EndPrecision);
            var stage = created.AddStage(
                ParseEnum(stageEntry.Kind, StageKind.Other),
                stageEntry.Label ?? string.Empty,
                ToDate(stageEntry.StartDate, stageEntry.StartPrecision),
                end,
                stageEntry.Outcome,
                nowUtc);
            foreach (var source in stageEntry.Sources)
            {
                created.AddSource(ToDetails(source), nowUtc, stage: stage);
            }
        }

        foreach (var milestoneEntry in entry.Milestones)
        {
            var milestone = created.AddMilestone(milestoneEntry.Label ?? string.Empty, ToDate(milestoneEntry.Date, milestoneEntry.Precision), milestoneEntry.Notes, nowUtc);
            foreach (var source in milestoneEntry.Sources)
            {
                created.AddSource(ToDetails(source), nowUtc, milestone: milestone);
            }
        }

        foreach (var url in entry.Sources)
        {
            created.AddSource(new SourceDetails(new Uri(url), null, null, null), nowUtc);
        }

        return created;
    }

    public static SourceDetails ToDetails(CaseFileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(new Uri(source.Url ?? string.Empty, UriKind.RelativeOrAbsolute), source.Publisher, null, source.Quote);
    }

    public static TEnum ParseEnum<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : fallback;

    [GeneratedRegex(@"^(?<cipher>[A-Za-z0-9]+)(?:\s*\(publicly named as (?<name>.+?) on (?<date>\d{1,2} [A-Za-z]+ \d{4})\))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OfficerDesignation();
}
