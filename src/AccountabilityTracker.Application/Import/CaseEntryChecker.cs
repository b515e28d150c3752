using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Import;

/// <summary>
/// Checks one entry field by field and says, in plain words, what is wrong and where (bad date, unknown stage kind,
/// end before start, a precision that disagrees with the date, duplicates, lengths). Names are normalised on the way
/// (e.g. "IOPC investigation" becomes IopcInvestigation) so the mapper reads them.
/// </summary>
public sealed class CaseEntryChecker(List<ImportMessage> messages)
{
    private static readonly string KindNames = string.Join(", ", Enum.GetNames<StageKind>());

    private readonly Dictionary<string, string> _seenIds = new(StringComparer.Ordinal);

    private string? _caseId;

    /// <summary>Checks the entry; returns false when it has an error.</summary>
    public bool Check(ParsedEntry parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var (entry, at) = (parsed.Entry, parsed.Locator);
        var errorsBefore = messages.Count(m => m.Severity == ImportSeverity.Error);
        _caseId = entry.Id = Clean(entry.Id);

        if (_caseId is null)
        {
            Error(at.Case("id"), "The case has no id. Give each case a stable id (e.g. chris-kaba-2022): it matches the case on re-import.");
        }
        else
        {
            MaxLength(at.Case("id"), _caseId, TextLimits.ExternalId, "The id");
            if (_seenIds.TryGetValue(_caseId, out var firstRows))
            {
                Error(at.Case("id"), $"Duplicate case id '{_caseId}': it is already used by the case at row {firstRows}. Each case needs its own id.");
            }
            else
            {
                _seenIds.Add(_caseId, at.Rows);
            }
        }

        entry.Title = Required(at.Case("title"), entry.Title, TextLimits.Title, "The title");
        entry.Subject = Optional(at.Case("subject"), entry.Subject, TextLimits.Subject, "The subject");
        entry.Location = Optional(at.Case("location"), entry.Location, TextLimits.Location, "The location");
        entry.Force = Required(at.Case("force"), entry.Force, TextLimits.Force + 200, "The force");
        if (entry.Force is not null)
        {
            var (force, _) = CaseFileMapper.SplitForce(entry.Force);
            if (force.Length > TextLimits.Force)
            {
                Error(at.Case("force"), $"The force name is {force.Length} characters long; at most {TextLimits.Force} are allowed.");
            }
            else if (CaseFileMapper.ParseJurisdiction(entry.Jurisdiction) is not { } given || !Forces.IsKnown(force, given))
            {
                var jurisdiction = CaseFileMapper.JurisdictionOf(entry);
                if (!Forces.IsKnown(force, jurisdiction))
                {
                    Warning(at.Case("force"), jurisdiction == Jurisdiction.EnglandAndWales
                        ? $"'{force}' is not one of the {Forces.All.Count} forces the IOPC oversees; it is imported as written. Check the spelling (e.g. Metropolitan Police Service), or give the case's jurisdiction."
                        : $"'{force}' is not a force of {jurisdiction.DisplayName()} ({string.Join(", ", Forces.In(jurisdiction))}); it is imported as written.");
                }
            }
        }

        var jurisdictionText = Clean(entry.Jurisdiction);
        if (jurisdictionText is not null && CaseFileMapper.ParseJurisdiction(jurisdictionText) is null)
        {
            Error(at.Case("jurisdiction"), $"'{Short(jurisdictionText)}' is not a jurisdiction: use england_and_wales, scotland or northern_ireland.");
        }

        CheckStatus(entry, at);

        var incident = Date(at.Case("incident_date"), at.Case("incident_date_precision"), entry.IncidentDate, entry.IncidentDatePrecision, required: true, out var incidentPrecision);
        entry.IncidentDatePrecision = incidentPrecision;
        if (incident is { IsKnown: true } known && known.Earliest!.Value.Year < 1900)
        {
            Error(at.Case("incident_date"), "The incident date is before 1900: check the year.");
        }

        entry.IncidentType = EnumName<IncidentType>(at.Case("incident_type"), entry.IncidentType, "incident type");
        entry.Harm = EnumName<Harm>(at.Case("harm"), entry.Harm, "harm");
        entry.Category = EnumName<OperationCategory>(at.Case("category"), entry.Category, "category");
        NotRecorded(at.Case("incident_type"), entry.IncidentType, "incident type");
        NotRecorded(at.Case("harm"), entry.Harm, "harm");
        NotRecorded(at.Case("category"), entry.Category, "operation category");

        CheckOfficers(entry, at);
        for (var i = 0; i < entry.Sources.Count; i++)
        {
            entry.Sources[i] = Url(at.CaseSource(i), entry.Sources[i]) ?? entry.Sources[i];
        }

        CheckStages(entry, at);
        CheckMilestones(entry, at);
        return messages.Count(m => m.Severity == ImportSeverity.Error) == errorsBefore;
    }

    private void CheckOfficers(CaseFileEntry entry, EntryLocator at)
    {
        var ciphers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Cipher((int? Row, string Column) where, string? cipher)
        {
            if (cipher is null)
            {
                return;
            }

            if (cipher.Length > TextLimits.Cipher || !cipher.All(char.IsAsciiLetterOrDigit))
            {
                Error(where, $"'{Short(cipher)}' is not a cipher: give letters and digits only (e.g. NX121), at most {TextLimits.Cipher}.");
            }
            else if (!ciphers.Add(cipher))
            {
                Error(where, $"Officer {cipher.ToUpperInvariant()} is listed twice for this case.");
            }
        }

        for (var i = 0; i < entry.Officers.Count; i++)
        {
            var officer = entry.Officers[i];
            var where = at.Case(FormattableString.Invariant($"officers[{i}]"));
            if (officer is null)
            {
                Error(where, "This officer is empty: give a cipher, a name, or both.");
                continue;
            }

            officer.Cipher = Clean(officer.Cipher);
            officer.Name = Optional(at.Case(FormattableString.Invariant($"officers[{i}].name")), officer.Name, TextLimits.PersonName, "The officer's name");
            if (officer.Cipher is null && officer.Name is null)
            {
                Error(where, "An officer needs a cipher, a name, or both.");
            }

            Cipher(at.Case(FormattableString.Invariant($"officers[{i}].cipher")), officer.Cipher);
            var status = Clean(officer.NameStatus)?.ToLowerInvariant();
            if (status is not null and not "public" and not "restricted")
            {
                Error(at.Case(FormattableString.Invariant($"officers[{i}].name_status")), $"'{Short(status)}' is not a name status: use public or restricted.");
            }
            else if (officer.Name is not null && status is null)
            {
                Warning(at.Case(FormattableString.Invariant($"officers[{i}].name_status")), "The name has no name_status, so it is held as restricted (shown only to roles allowed restricted fields). Write public if it has been published.");
            }

            officer.NameStatus = status;
            foreach (var (field, value) in new[] { ("named_on", officer.NamedOn), ("anonymity_order_made_on", officer.AnonymityOrderMadeOn), ("anonymity_order_varied_on", officer.AnonymityOrderVariedOn), ("anonymity_order_lifted_on", officer.AnonymityOrderLiftedOn) })
            {
                Day(at.Case(FormattableString.Invariant($"officers[{i}].{field}")), value);
            }

            officer.Notes = Optional(at.Case(FormattableString.Invariant($"officers[{i}].notes")), officer.Notes, TextLimits.Reason, "The notes");
        }

        for (var i = 0; i < entry.OfficerDesignations.Count; i++)
        {
            var designation = Clean(entry.OfficerDesignations[i]);
            if (designation is null)
            {
                Error(at.Officer(i), "An officer designation is empty: give the cipher (e.g. W80) or the name.");
                continue;
            }

            entry.OfficerDesignations[i] = designation;
            var parsed = CaseFileMapper.ParseDesignation(designation);
            if (parsed.Details is not { } details)
            {
                Error(at.Officer(i), $"'{Short(designation)}' is not an officer designation: give a cipher (NX121), \"NX121 (publicly named as <name> on <d MMMM yyyy>)\", \"<name> (named)\", \"<name> (restricted)\" or \"W80 (restricted name: <name>)\".");
                continue;
            }

            Cipher(at.Officer(i), details.Cipher);
            if (details.Name is { Length: > TextLimits.PersonName })
            {
                Error(at.Officer(i), $"The officer's name can be at most {TextLimits.PersonName} characters.");
            }

            if (parsed.BracketKeptAsNote)
            {
                Warning(at.Officer(i), $"The words in brackets after {details.Cipher} are kept as a note, not as a name. To record a name, write \"{details.Cipher} (publicly named as <name>)\" or give a structured officer.");
            }
        }
    }

    private void CheckStatus(CaseFileEntry entry, EntryLocator at)
    {
        var status = Clean(entry.Status)?.ToLowerInvariant();
        entry.StatusNote = Optional(at.Case("status_note"), entry.StatusNote, TextLimits.Reason, "The status note");
        var closedOn = Day(at.Case("closed_on"), entry.ClosedOn);
        Day(at.Case("expected_on"), entry.ExpectedOn);
        switch (status)
        {
            case null or "open":
                break;
            case "closed":
                if (closedOn is null)
                {
                    Error(at.Case("closed_on"), "A closed case needs the day it closed (closed_on, YYYY-MM-DD).");
                }

                if (entry.StatusNote is null)
                {
                    Error(at.Case("status_note"), "A closed case needs the reason it closed (status_note).");
                }

                break;
            case "awaiting":
                if (entry.StatusNote is null)
                {
                    Error(at.Case("status_note"), "Say what the case is awaiting (status_note), e.g. \"gross misconduct hearing to be listed\".");
                }

                break;
            default:
                Error(at.Case("status"), $"'{Short(status)}' is not a case status: use open, awaiting or closed.");
                break;
        }

        entry.Status = status;
    }

    /// <summary>Reads an optional exact day (YYYY-MM-DD).</summary>
    private DateOnly? Day((int? Row, string Column) at, string? text)
    {
        var clean = Clean(text);
        if (clean is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(clean, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            Error(at, $"'{Short(clean)}' is not a day: write it as YYYY-MM-DD.");
            return null;
        }

        return day;
    }

    private void NotRecorded((int? Row, string Column) at, string? value, string what)
    {
        if (value is null)
        {
            Warning(at, $"The {what} is not given, so it is stored as \"not recorded\" (never guessed from the title or the force's unit). Give it if the record says.");
        }
    }

    private void CheckStages(CaseFileEntry entry, EntryLocator at)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Stages.Count; i++)
        {
            var stage = entry.Stages[i];
            if (stage is null)
            {
                Error(at.Stage(i, "kind"), "This stage is empty.");
                continue;
            }

            stage.Kind = StageKindName(at.Stage(i, "kind"), stage.Kind);
            if (Enum.TryParse<StageKind>(stage.Kind, out var kindOfStage) && !StageKindNames.KindsFor(CaseFileMapper.JurisdictionOf(entry)).Contains(kindOfStage))
            {
                Warning(at.Stage(i, "kind"), $"{kindOfStage.DisplayName()} is a stage of {kindOfStage.RuleJurisdiction().DisplayName()}, but the case is in {CaseFileMapper.JurisdictionOf(entry).DisplayName()}: it is imported as written and gets no clock from either. Check the kind (e.g. Other with a label).");
            }
            stage.Label = Optional(at.Stage(i, "label"), stage.Label, TextLimits.Title, "The label");
            if (stage.Kind == nameof(StageKind.Other) && stage.Label is null)
            {
                Error(at.Stage(i, "label"), "A stage of kind Other needs a label saying what it is (e.g. \"PIRC investigation\").");
            }

            var start = Date(at.Stage(i, "start_date"), at.Stage(i, "start_precision"), stage.StartDate, stage.StartPrecision, required: false, out var startPrecision);
            stage.StartPrecision = startPrecision;
            PartialDate? end = null;
            var explicitlyRunning = string.Equals(Clean(stage.EndPrecision), CaseFileMapper.RunningPrecision, StringComparison.OrdinalIgnoreCase);
            if (explicitlyRunning)
            {
                stage.EndPrecision = CaseFileMapper.RunningPrecision;
                if (Clean(stage.EndDate) is not null)
                {
                    Error(at.Stage(i, "end_date"), "The stage is marked running (end_precision running) but has an end date: leave the end date empty, or give its precision.");
                }
            }
            else if (stage.EndDate is not null || stage.EndPrecision is not null)
            {
                end = Date(at.Stage(i, "end_date"), at.Stage(i, "end_precision"), stage.EndDate, stage.EndPrecision, required: false, out var endPrecision);
                stage.EndPrecision = endPrecision;
            }

            if (start is { IsKnown: true } s && end is { IsKnown: true } e && e.Latest < s.Earliest)
            {
                Error(at.Stage(i, "end_date"), $"The stage ends ({e}) before it starts ({s}).");
            }

            stage.Outcome = Optional(at.Stage(i, "outcome"), stage.Outcome, TextLimits.LongText, "The outcome");
            stage.OutcomeType = OutcomeTypeName(at.Stage(i, "outcome_type"), stage.OutcomeType);
            if (end is null && !explicitlyRunning && (stage.Outcome is not null || stage.OutcomeType is not null))
            {
                Warning(at.Stage(i, "end_date"), "The stage has an outcome but no end: it is imported as running. If it ended on a date nobody published, set end_precision to unknown; if it is still running, set end_precision to running.");
            }

            CheckSources(stage.Sources, (j, field) => at.StageSource(i, j, field));

            if (stage.Kind is not null && start is not null)
            {
                var key = StageKey(stage);
                if (seen.TryGetValue(key, out var earlier))
                {
                    Error(at.Stage(i, "label"), $"Duplicate stage: the same kind, label and start as the stage at {Where(at.Stage(earlier, "label"))}.");
                }
                else
                {
                    seen.Add(key, i);
                }
            }
        }
    }

    private void CheckMilestones(CaseFileEntry entry, EntryLocator at)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Milestones.Count; i++)
        {
            var milestone = entry.Milestones[i];
            if (milestone is null)
            {
                Error(at.Milestone(i, "label"), "This milestone is empty.");
                continue;
            }

            milestone.Label = Required(at.Milestone(i, "label"), milestone.Label, TextLimits.Title, "The milestone's label");
            Date(at.Milestone(i, "date"), at.Milestone(i, "precision"), milestone.Date, milestone.Precision, required: false, out var precision);
            milestone.Precision = precision;
            milestone.Notes = Optional(at.Milestone(i, "notes"), milestone.Notes, TextLimits.LongText, "The notes");
            CheckSources(milestone.Sources, (j, field) => at.MilestoneSource(i, j, field));

            var key = MilestoneKey(milestone);
            if (milestone.Label is not null && !seen.TryAdd(key, i))
            {
                Error(at.Milestone(i, "label"), $"Duplicate milestone: the same label and date as the milestone at {Where(at.Milestone(seen[key], "label"))}.");
            }
        }
    }

    private void CheckSources(IList<CaseFileSource> sources, Func<int, string, (int? Row, string Column)> at)
    {
        for (var j = 0; j < sources.Count; j++)
        {
            var source = sources[j];
            if (source is null)
            {
                Error(at(j, "url"), "This source is empty: give its url.");
                continue;
            }

            source.Url = Url(at(j, "url"), source.Url);
            source.Publisher = Optional(at(j, "publisher"), source.Publisher, TextLimits.Publisher, "The publisher");
            source.Quote = Optional(at(j, "quote"), source.Quote, TextLimits.LongText, "The quote");
        }
    }

    /// <summary>The key a stage is matched by on re-import: kind, label and start.</summary>
    public static string StageKey(CaseFileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return StageKey(Enum.TryParse<StageKind>(stage.Kind, true, out var kind) ? kind : StageKind.Other, stage.Label ?? string.Empty, CaseFileMapper.ToDate(stage.StartDate, stage.StartPrecision));
    }

    public static string StageKey(StageKind kind, string label, PartialDate start) =>
        FormattableString.Invariant($"{kind}|{label.Trim()}|{start.Precision}|{start.ToIsoString()}");

    public static string MilestoneKey(CaseFileMilestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return MilestoneKey(milestone.Label ?? string.Empty, CaseFileMapper.ToDate(milestone.Date, milestone.Precision));
    }

    public static string MilestoneKey(string label, PartialDate date) => FormattableString.Invariant($"{label.Trim()}|{date.Precision}|{date.ToIsoString()}");

    private static string Where((int? Row, string Column) at) => at.Row is { } row ? FormattableString.Invariant($"row {row}, {at.Column}") : at.Column;

    private string? Url((int? Row, string Column) at, string? url)
    {
        var clean = Clean(url);
        if (clean is null)
        {
            Error(at, "The source has no url.");
            return null;
        }

        if (clean.Length > TextLimits.Url)
        {
            Error(at, $"The url is {clean.Length} characters long; at most {TextLimits.Url} are allowed.");
        }
        else if (!Uri.TryCreate(clean, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Error(at, $"'{Short(clean)}' is not a web address: give a full address starting with https:// or http://.");
        }

        return clean;
    }

    /// <summary>
    /// Reads a date and its precision. The precision may be left out (it follows from the date's shape) but must agree
    /// with the date when given: "2024-10-05" is day precision, "2024-10" month, "2024" year.
    /// </summary>
    private PartialDate? Date((int? Row, string Column) dateAt, (int? Row, string Column) precisionAt, string? text, string? precisionText, bool required, out string? precisionName)
    {
        text = Clean(text);
        precisionName = Clean(precisionText)?.ToLowerInvariant();
        DatePrecision? precision = precisionName switch
        {
            null => null,
            "day" => DatePrecision.Day,
            "month" => DatePrecision.Month,
            "year" => DatePrecision.Year,
            "unknown" => DatePrecision.Unknown,
            _ => (DatePrecision)(-1),
        };
        if (precision == (DatePrecision)(-1))
        {
            Error(precisionAt, $"'{Short(precisionText!)}' is not a precision: use day, month, year or unknown.");
            return null;
        }

        if (text is null)
        {
            if (required)
            {
                Error(dateAt, "The date is missing: give at least the year (YYYY).");
                return null;
            }

            if (precision is not null and not DatePrecision.Unknown)
            {
                Error(dateAt, $"The precision is '{precisionName}' but no date is given: give the date, or set the precision to unknown.");
                return null;
            }

            return PartialDate.Unknown;
        }

        if (!PartialDate.TryParseIso(text, out var date))
        {
            Error(dateAt, $"'{Short(text)}' is not a date: write it as YYYY-MM-DD (a day), YYYY-MM (a month) or YYYY (a year).");
            return null;
        }

        if (precision is { } given && given != date.Precision)
        {
            var hint = date.Precision switch
            {
                DatePrecision.Day when given == DatePrecision.Month => $"write {text[..7]}, or set the precision to day",
                DatePrecision.Day or DatePrecision.Month when given == DatePrecision.Year => $"write {text[..4]}, or set the precision to {date.Precision.ToString().ToLowerInvariant()}",
                _ when given == DatePrecision.Unknown => "leave the date empty, or give its precision",
                _ => $"give the full date, or set the precision to {date.Precision.ToString().ToLowerInvariant()}",
            };
            var gives = date.Precision switch
            {
                DatePrecision.Day => "a day",
                DatePrecision.Month => "only a month",
                _ => "only a year",
            };
            Error(dateAt, $"The date {text} gives {gives} but the precision is '{precisionName}': {hint}.");
            return null;
        }

        precisionName ??= date.Precision.ToString().ToLowerInvariant();
        return date;
    }

    private string? OutcomeTypeName((int? Row, string Column) at, string? text)
    {
        var clean = Clean(text);
        if (clean is null)
        {
            return null;
        }

        var key = clean.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        var byDisplayName = Enum.GetValues<OutcomeType>().Where(t => string.Equals(t.DisplayName(), clean, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byDisplayName.Count == 1)
        {
            return byDisplayName[0].ToString();
        }

        if (!key.All(char.IsAsciiDigit) && Enum.TryParse<OutcomeType>(key, ignoreCase: true, out var type) && Enum.IsDefined(type))
        {
            return type.ToString();
        }

        Error(at, $"'{Short(clean)}' is not an outcome type: use one of {string.Join(", ", Enum.GetNames<OutcomeType>().Skip(1))}.");
        return null;
    }

    private string? StageKindName((int? Row, string Column) at, string? text)
    {
        var clean = Clean(text);
        if (clean is null)
        {
            Error(at, $"The stage has no kind: use one of {KindNames}.");
            return null;
        }

        var byDisplayName = Enum.GetValues<StageKind>().Where(k => string.Equals(k.DisplayName(), clean, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byDisplayName.Count == 1 && byDisplayName[0] != StageKind.Other)
        {
            return byDisplayName[0].ToString();
        }

        if (!clean.All(char.IsAsciiDigit) && Enum.TryParse<StageKind>(clean, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
        {
            return kind.ToString();
        }

        Error(at, $"'{Short(clean)}' is not a stage kind: use one of {KindNames} (Other with a label for anything else).");
        return null;
    }

    private string? EnumName<TEnum>((int? Row, string Column) at, string? text, string what)
        where TEnum : struct, Enum
    {
        var clean = Clean(text);
        if (clean is null)
        {
            return null;
        }

        if (!clean.All(char.IsAsciiDigit) && Enum.TryParse<TEnum>(clean.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value.ToString();
        }

        Error(at, $"'{Short(clean)}' is not a {what}: use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    private string? Required((int? Row, string Column) at, string? text, int max, string what)
    {
        var clean = Clean(text);
        if (clean is null)
        {
            Error(at, $"{what} is missing.");
            return null;
        }

        MaxLength(at, clean, max, what);
        return clean;
    }

    private string? Optional((int? Row, string Column) at, string? text, int max, string what)
    {
        var clean = Clean(text);
        if (clean is not null)
        {
            MaxLength(at, clean, max, what);
        }

        return clean;
    }

    private void MaxLength((int? Row, string Column) at, string text, int max, string what)
    {
        if (text.Length > max)
        {
            Error(at, $"{what} is {text.Length} characters long; at most {max} are allowed.");
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private void Error((int? Row, string Column) at, string text) => messages.Add(new(ImportSeverity.Error, at.Row, at.Column, text, _caseId));

    private void Warning((int? Row, string Column) at, string text) => messages.Add(new(ImportSeverity.Warning, at.Row, at.Column, text, _caseId));
}
