using System.Globalization;
using System.Text.RegularExpressions;
using AccountabilityTracker.Domain;
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
            if (Forces.IsKnownAnywhere(force))
            {
                return (force, trimmed[(open + 2)..^1]);
            }
        }

        return (trimmed, null);
    }

    /// <summary>Reads "NX121 (publicly named as Sgt Martyn Blake on 8 March 2024)" or a bare "W80" (the older form, kept for callers).</summary>
    public static (string Cipher, string? RealName, DateOnly? NamedOn) ParseOfficer(string designation)
    {
        var parsed = ParseDesignation(designation);
        return (parsed.Details?.Cipher ?? designation.Trim(), parsed.Details?.Name, parsed.Details?.NamedOn);
    }

    /// <summary>What a designation string says, and whether its bracket was kept only as a note (worth a warning).</summary>
    public sealed record Designation(OfficerDetails? Details, bool BracketKeptAsNote);

    /// <summary>
    /// Reads an officer designation: "W80"; "NX121 (publicly named as Sgt Martyn Blake on 8 March 2024)" (the date may be
    /// left out); "W80 (restricted name: John Smith)"; "PC Benjamin Monk (named)" or "(named on 3 May 2016)" for an
    /// officer with no cipher; "John Smith (restricted)"; and "E7 (any other words)", kept as a note on E7. Null details
    /// when the text is none of these.
    /// </summary>
    public static Designation ParseDesignation(string designation)
    {
        var text = (designation ?? string.Empty).Trim();
        var match = OfficerDesignation().Match(text);
        if (match.Success)
        {
            var name = match.Groups["name"].Success ? match.Groups["name"].Value.Trim() : null;
            return new(new OfficerDetails(match.Groups["cipher"].Value, name, name is not null, NamedOnText(match.Groups["date"].Value), UnderAnonymityOrder: name is null), false);
        }

        match = RestrictedCipherDesignation().Match(text);
        if (match.Success)
        {
            return new(new OfficerDetails(match.Groups["cipher"].Value, match.Groups["name"].Value.Trim(), false, null, UnderAnonymityOrder: true), false);
        }

        match = NamedDesignation().Match(text);
        if (match.Success)
        {
            return new(new OfficerDetails(null, match.Groups["name"].Value.Trim(), true, NamedOnText(match.Groups["date"].Value), UnderAnonymityOrder: false), false);
        }

        match = RestrictedNameDesignation().Match(text);
        if (match.Success)
        {
            return new(new OfficerDetails(null, match.Groups["name"].Value.Trim(), false, null, UnderAnonymityOrder: true), false);
        }

        match = CipherWithNote().Match(text);
        if (match.Success)
        {
            return new(new OfficerDetails(match.Groups["cipher"].Value, null, false, null, UnderAnonymityOrder: false, Notes: match.Groups["notes"].Value.Trim()), true);
        }

        return new(null, false);
    }

    /// <summary>A structured officer from a file; dates are assumed valid (the checker read them).</summary>
    public static OfficerDetails ToDetails(CaseFileOfficer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        static DateOnly? Day(string? text) => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var isPublic = string.Equals(officer.NameStatus?.Trim(), "public", StringComparison.OrdinalIgnoreCase);
        return new OfficerDetails(
            officer.Cipher,
            officer.Name,
            isPublic,
            Day(officer.NamedOn),
            officer.AnonymityOrder ?? officer.AnonymityOrderMadeOn is not null,
            Day(officer.AnonymityOrderMadeOn),
            Day(officer.AnonymityOrderVariedOn),
            Day(officer.AnonymityOrderLiftedOn),
            officer.Notes);
    }

    /// <summary>A structured officer as a designation string (the CSV form); anonymity-order dates and notes have no place in it.</summary>
    public static string ToDesignation(CaseFileOfficer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var isPublic = string.Equals(officer.NameStatus, "public", StringComparison.OrdinalIgnoreCase);
        var named = DateOnly.TryParseExact(officer.NamedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
            ? " on " + on.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : string.Empty;
        return (officer.Cipher, officer.Name, isPublic) switch
        {
            ({ } cipher, null, _) => cipher,
            ({ } cipher, { } name, true) => $"{cipher} (publicly named as {name}{named})",
            ({ } cipher, { } name, false) => $"{cipher} (restricted name: {name})",
            (null, { } name, true) => named.Length == 0 ? $"{name} (named)" : $"{name} (named{named})",
            (null, { } name, false) => $"{name} (restricted)",
            _ => string.Empty,
        };
    }

    /// <summary>Every officer an entry gives, structured ones first, then designation strings.</summary>
    public static IEnumerable<OfficerDetails> OfficersOf(CaseFileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var officer in entry.Officers)
        {
            yield return ToDetails(officer);
        }

        foreach (var designation in entry.OfficerDesignations)
        {
            if (ParseDesignation(designation).Details is { } details)
            {
                yield return details;
            }
        }
    }

    /// <summary>"england_and_wales", "England & Wales", "scotland", "northern ireland" and the enum names; null when not one of them.</summary>
    public static Jurisdiction? ParseJurisdiction(string? text)
    {
        var key = new string((text ?? string.Empty).Where(char.IsLetter).ToArray()).ToUpperInvariant();
        return key switch
        {
            "ENGLANDANDWALES" or "ENGLANDWALES" or "EW" => Jurisdiction.EnglandAndWales,
            "SCOTLAND" => Jurisdiction.Scotland,
            "NORTHERNIRELAND" or "NI" => Jurisdiction.NorthernIreland,
            _ => null,
        };
    }

    /// <summary>The entry's jurisdiction: as given, else the one its force belongs to only (Police Scotland, PSNI), else England &amp; Wales.</summary>
    public static Jurisdiction JurisdictionOf(CaseFileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ParseJurisdiction(entry.Jurisdiction) ?? Forces.OnlyJurisdictionOf(SplitForce(entry.Force).Force) ?? Jurisdiction.EnglandAndWales;
    }

    /// <summary>The case's descriptive fields as the entry gives them: what it leaves out is "not recorded", never guessed.</summary>
    public static CaseParticulars ToParticulars(CaseFileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (force, unit) = SplitForce(entry.Force);
        var title = entry.Title ?? string.Empty;
        return new CaseParticulars(
            title,
            entry.Subject ?? SubjectNotGiven,
            ToDate(entry.IncidentDate, entry.IncidentDatePrecision),
            null,
            entry.Location ?? LocationNotGiven,
            force,
            ParseEnum(entry.IncidentType, IncidentType.NotRecorded),
            ParseEnum(entry.Harm, Harm.NotRecorded),
            ParseEnum(entry.Category, OperationCategory.NotKnown),
            unit is null ? null : "Unit: " + unit,
            JurisdictionOf(entry));
    }

    /// <summary>A stage entry's end: null while running (no end, or end_precision "running"); an unknown date when it ended undated.</summary>
    public static PartialDate? EndOf(CaseFileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.EndDate is null && (stage.EndPrecision is null || string.Equals(stage.EndPrecision, RunningPrecision, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return ToDate(stage.EndDate, stage.EndPrecision);
    }

    /// <summary>The end_precision that says, explicitly, that a stage is still running.</summary>
    public const string RunningPrecision = "running";

    /// <summary>Applies the entry's status (closed with a date and reason, or awaiting a next step) to a case.</summary>
    public static void ApplyStatus(Case target, CaseFileEntry entry, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(entry);
        static DateOnly? Day(string? text) => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        switch (entry.Status?.Trim().ToLowerInvariant())
        {
            case "closed" when Day(entry.ClosedOn) is { } closed && (target.Status != CaseStatus.Closed || target.ClosedOn != closed || target.StatusNote != entry.StatusNote?.Trim()):
                target.Close(closed, entry.StatusNote ?? "closed", nowUtc);
                break;
            case "awaiting" when target.Status != CaseStatus.Awaiting || target.StatusNote != entry.StatusNote?.Trim() || target.ExpectedOn != Day(entry.ExpectedOn):
                target.AwaitNextStep(entry.StatusNote ?? "next step", Day(entry.ExpectedOn), nowUtc);
                break;
            case "open" when target.Status != CaseStatus.Open:
                target.Reopen(nowUtc);
                break;
        }
    }

    public static Case ToCase(CaseFileEntry entry, string reference, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var particulars = ToParticulars(entry);

        var created = Case.Open(reference, particulars, nowUtc, entry.Id);

        ApplyStatus(created, entry, nowUtc);
        foreach (var officer in OfficersOf(entry))
        {
            created.AddOfficer(officer, nowUtc);
        }

        foreach (var stageEntry in entry.Stages)
        {
            var stage = created.AddStage(
                ParseEnum(stageEntry.Kind, StageKind.Other),
                stageEntry.Label ?? string.Empty,
                ToDate(stageEntry.StartDate, stageEntry.StartPrecision),
                EndOf(stageEntry),
                stageEntry.Outcome,
                nowUtc);
            if (stageEntry.OutcomeType is not null)
            {
                stage.ClassifyOutcome(ParseEnum(stageEntry.OutcomeType, OutcomeType.Unclassified), nowUtc);
            }
            foreach (var source in stageEntry.Sources)
            {
                created.AddSource(ToDetails(source), nowUtc, stage: stage);
            }
        }

        foreach (var milestoneEntry in entry.Milestones)
        {
            var milestone = created.AddMilestone(milestoneEntry.Label ?? string.Empty, ToDate(milestoneEntry.Date, milestoneEntry.Precision), milestoneEntry.Notes, nowUtc, ParseEnum(milestoneEntry.Type, MilestoneType.Other));
            foreach (var source in milestoneEntry.Sources)
            {
                created.AddSource(ToDetails(source), nowUtc, milestone: milestone);
            }
        }

        foreach (var officerEvent in entry.OfficerEvents)
        {
            AddOfficerEvent(created, officerEvent, nowUtc);
        }

        foreach (var url in entry.Sources)
        {
            created.AddSource(new SourceDetails(new Uri(url), null, null, null), nowUtc);
        }

        return created;
    }

    /// <summary>The officer of <paramref name="owner"/> an event names: by cipher, else (an officer without one) by name.</summary>
    public static Officer? FindOfficer(Case owner, string? reference)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var wanted = reference?.Trim();
        return string.IsNullOrEmpty(wanted)
            ? null
            : owner.Officers.FirstOrDefault(o => string.Equals(o.Cipher, wanted, StringComparison.OrdinalIgnoreCase))
              ?? owner.Officers.FirstOrDefault(o => o.Cipher is null && string.Equals(o.RealName, wanted, StringComparison.Ordinal));
    }

    /// <summary>Adds an officer event from a file (checked already: its officer is one of the entry's).</summary>
    public static OfficerEvent AddOfficerEvent(Case owner, CaseFileOfficerEvent officerEvent, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(officerEvent);
        var officer = FindOfficer(owner, officerEvent.Officer) ?? throw new DomainRuleException($"'{officerEvent.Officer}' is not one of this case's officers.");
        return owner.AddOfficerEvent(officer, ParseEnum(officerEvent.Kind, OfficerEventKind.Arrested), ToDate(officerEvent.Date, officerEvent.Precision), OfficerEventEnd(officerEvent), officerEvent.Notes, nowUtc);
    }

    /// <summary>
    /// A period's end from a file: null while it runs (no end, or end_precision "running"); an unknown date when it ended
    /// undated (end_precision "unknown" without a date), as for a stage.
    /// </summary>
    public static PartialDate? OfficerEventEnd(CaseFileOfficerEvent officerEvent)
    {
        ArgumentNullException.ThrowIfNull(officerEvent);
        if (string.IsNullOrWhiteSpace(officerEvent.EndDate))
        {
            return string.Equals(officerEvent.EndPrecision?.Trim(), nameof(DatePrecision.Unknown), StringComparison.OrdinalIgnoreCase) ? PartialDate.Unknown : null;
        }

        return ToDate(officerEvent.EndDate, officerEvent.EndPrecision);
    }

    public static SourceDetails ToDetails(CaseFileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(new Uri(source.Url ?? string.Empty, UriKind.RelativeOrAbsolute), source.Publisher, null, source.Quote);
    }

    public static TEnum ParseEnum<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : fallback;

    private static DateOnly? NamedOnText(string text) =>
        DateOnly.TryParseExact(text, "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"^(?<cipher>[A-Za-z0-9]+)(?:\s*\(publicly named as (?<name>.+?)(?: on (?<date>\d{1,2} [A-Za-z]+ \d{4}))?\))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OfficerDesignation();

    [GeneratedRegex(@"^(?<cipher>[A-Za-z0-9]+)\s*\(restricted name: (?<name>.+)\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RestrictedCipherDesignation();

    [GeneratedRegex(@"^(?<name>[^()]+?)\s*\(named(?: on (?<date>\d{1,2} [A-Za-z]+ \d{4}))?\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamedDesignation();

    [GeneratedRegex(@"^(?<name>[^()]+?)\s*\(restricted\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RestrictedNameDesignation();

    [GeneratedRegex(@"^(?<cipher>[A-Za-z0-9]+)\s*\((?<notes>.+)\)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CipherWithNote();
}
