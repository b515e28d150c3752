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
            else if (!Forces.IsKnown(force))
            {
                Warning(at.Case("force"), $"'{force}' is not one of the {Forces.All.Count} forces the IOPC oversees; it is imported as written. Check the spelling (e.g. Metropolitan Police Service).");
            }
        }

        var incident = Date(at.Case("incident_date"), at.Case("incident_date_precision"), entry.IncidentDate, entry.IncidentDatePrecision, required: true, out var incidentPrecision);
        entry.IncidentDatePrecision = incidentPrecision;
        if (incident is { IsKnown: true } known && known.Earliest!.Value.Year < 1900)
        {
            Error(at.Case("incident_date"), "The incident date is before 1900: check the year.");
        }

        entry.IncidentType = EnumName<IncidentType>(at.Case("incident_type"), entry.IncidentType, "incident type");
        entry.Harm = EnumName<Harm>(at.Case("harm"), entry.Harm, "harm");
        entry.Category = EnumName<OperationCategory>(at.Case("category"), entry.Category, "category");

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
        for (var i = 0; i < entry.OfficerDesignations.Count; i++)
        {
            var designation = Clean(entry.OfficerDesignations[i]);
            if (designation is null)
            {
                Error(at.Officer(i), "An officer designation is empty: give the cipher (e.g. W80).");
                continue;
            }

            entry.OfficerDesignations[i] = designation;
            var (cipher, realName, _) = CaseFileMapper.ParseOfficer(designation);
            if (cipher.Length > TextLimits.Cipher || cipher.Contains(' ', StringComparison.Ordinal))
            {
                Error(at.Officer(i), $"'{designation}' is not a cipher: give letters and digits only (e.g. NX121), optionally followed by \"(publicly named as <name> on <d MMMM yyyy>)\".");
            }
            else if (!ciphers.Add(cipher))
            {
                Error(at.Officer(i), $"Officer {cipher} is listed twice for this case.");
            }

            if (realName is { Length: > TextLimits.PersonName })
            {
                Error(at.Officer(i), $"The officer's name can be at most {TextLimits.PersonName} characters.");
            }
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
            stage.Label = Optional(at.Stage(i, "label"), stage.Label, TextLimits.Title, "The label");
            if (stage.Kind == nameof(StageKind.Other) && stage.Label is null)
            {
                Error(at.Stage(i, "label"), "A stage of kind Other needs a label saying what it is (e.g. \"PIRC investigation\").");
            }

            var start = Date(at.Stage(i, "start_date"), at.Stage(i, "start_precision"), stage.StartDate, stage.StartPrecision, required: false, out var startPrecision);
            stage.StartPrecision = startPrecision;
            PartialDate? end = null;
            if (stage.EndDate is not null || stage.EndPrecision is not null)
            {
                end = Date(at.Stage(i, "end_date"), at.Stage(i, "end_precision"), stage.EndDate, stage.EndPrecision, required: false, out var endPrecision);
                stage.EndPrecision = endPrecision;
            }

            if (start is { IsKnown: true } s && end is { IsKnown: true } e && e.Latest < s.Earliest)
            {
                Error(at.Stage(i, "end_date"), $"The stage ends ({e}) before it starts ({s}).");
            }

            stage.Outcome = Optional(at.Stage(i, "outcome"), stage.Outcome, TextLimits.LongText, "The outcome");
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
