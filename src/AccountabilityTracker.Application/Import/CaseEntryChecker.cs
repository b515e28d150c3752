using System.Globalization;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Sources;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using FluentValidation.Results;

namespace AccountabilityTracker.Application.Import;

/// <summary>
/// Checks one entry of a file. Every field is checked by the same rule sets as the forms and the API
/// (<see cref="CaseFieldsRules"/>, <see cref="StageFieldsRules"/>, <see cref="MilestoneFieldsRules"/>,
/// <see cref="OfficerFieldsRules"/>, <see cref="SourceFieldsRules"/>), each failure named by its row and column. Only what
/// is specific to files is checked here: ids, duplicates within the file, the names of precisions, kinds and other
/// lists (e.g. "IOPC investigation" becomes IopcInvestigation, so the mapper reads them), officer designations, and the
/// documented defaults of fields a file may leave out.
/// </summary>
public sealed class CaseEntryChecker(List<ImportMessage> messages, TimeProvider time)
{
    private static readonly string KindNames = string.Join(", ", Enum.GetNames<StageKind>());

    private static readonly Dictionary<string, string> CaseColumns = new(StringComparer.Ordinal)
    {
        [nameof(CaseFields.Title)] = "title",
        [nameof(CaseFields.Subject)] = "subject",
        [nameof(CaseFields.IncidentDate)] = "incident_date",
        [nameof(CaseFields.IncidentPrecision)] = "incident_date_precision",
        [nameof(CaseFields.IncidentTime)] = "incident_date",
        [nameof(CaseFields.Location)] = "location",
        [nameof(CaseFields.Force)] = "force",
        [nameof(CaseFields.Summary)] = "force",
        [nameof(CaseFields.IncidentType)] = "incident_type",
        [nameof(CaseFields.Harm)] = "harm",
        [nameof(CaseFields.Category)] = "category",
    };

    private static readonly Dictionary<string, string> StageColumns = new(StringComparer.Ordinal)
    {
        [nameof(StageFields.Kind)] = "kind",
        [nameof(StageFields.Label)] = "label",
        [nameof(StageFields.StartDate)] = "start_date",
        [nameof(StageFields.StartPrecision)] = "start_precision",
        [nameof(StageFields.EndDate)] = "end_date",
        [nameof(StageFields.EndPrecision)] = "end_precision",
        [nameof(StageFields.Outcome)] = "outcome",
    };

    private static readonly Dictionary<string, string> MilestoneColumns = new(StringComparer.Ordinal)
    {
        [nameof(MilestoneFields.Label)] = "label",
        [nameof(MilestoneFields.Date)] = "date",
        [nameof(MilestoneFields.DatePrecision)] = "precision",
        [nameof(MilestoneFields.Notes)] = "notes",
    };

    private static readonly Dictionary<string, string> SourceColumns = new(StringComparer.Ordinal)
    {
        [nameof(ISourceFields.SourceUrl)] = "url",
        [nameof(ISourceFields.SourcePublisher)] = "publisher",
        [nameof(ISourceFields.SourceQuote)] = "quote",
    };

    private readonly CaseFieldsRules _caseRules = new(time);
    private readonly StageFieldsRules _stageRules = new(time);
    private readonly MilestoneFieldsRules _milestoneRules = new(time);
    private readonly OfficerFieldsRules _officerRules = new(time);
    private readonly SourceFieldsRules _sourceRules = new(time, required: true);
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
        else if (_caseId.Length > TextLimits.ExternalId)
        {
            Error(at.Case("id"), string.Create(CultureInfo.InvariantCulture, $"The id is {_caseId.Length} characters long; at most {TextLimits.ExternalId} are allowed."));
        }
        else if (_seenIds.TryGetValue(_caseId, out var firstRows))
        {
            Error(at.Case("id"), $"Duplicate case id '{_caseId}': it is already used by the case at row {firstRows}. Each case needs its own id.");
        }
        else
        {
            _seenIds.Add(_caseId, at.Rows);
        }

        CheckCase(entry, at);
        CheckOfficers(entry, at);
        for (var i = 0; i < entry.Sources.Count; i++)
        {
            var url = entry.Sources[i] = Clean(entry.Sources[i]) ?? string.Empty;
            var index = i;
            Report(_sourceRules.Validate(new AddSource.Command { SourceUrl = url }), SourceColumns, _ => at.CaseSource(index));
        }

        CheckStages(entry, at);
        CheckMilestones(entry, at);
        return messages.Count(m => m.Severity == ImportSeverity.Error) == errorsBefore;
    }

    private void CheckCase(CaseFileEntry entry, EntryLocator at)
    {
        entry.Title = Clean(entry.Title);
        entry.Subject = Clean(entry.Subject);
        entry.Location = Clean(entry.Location);
        entry.Force = Clean(entry.Force);
        entry.IncidentDate = Clean(entry.IncidentDate);
        var precision = Precision(at.Case("incident_date_precision"), entry.IncidentDate, entry.IncidentDatePrecision, out var precisionName);
        entry.IncidentDatePrecision = precisionName;
        entry.IncidentType = EnumName<IncidentType>(at.Case("incident_type"), entry.IncidentType, "incident type");
        entry.Harm = EnumName<Harm>(at.Case("harm"), entry.Harm, "harm");
        entry.Category = EnumName<OperationCategory>(at.Case("category"), entry.Category, "category");

        // The file's defaults (a subject "not published", a kind of incident read from the title) are the mapper's.
        var particulars = CaseFileMapper.ToParticulars(entry);
        var fields = new CreateCase.Command
        {
            Title = entry.Title,
            Subject = particulars.Subject,
            IncidentDate = entry.IncidentDate,
            IncidentPrecision = precision,
            Location = particulars.Location,
            Force = entry.Force is null ? null : particulars.Force,
            IncidentType = particulars.IncidentType,
            Harm = particulars.Harm,
            Category = particulars.Category,
            Summary = particulars.Summary,
        };
        Report(_caseRules.Validate(fields), CaseColumns, at.Case);
    }

    private void CheckOfficers(CaseFileEntry entry, EntryLocator at)
    {
        var ciphers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entry.OfficerDesignations.Count; i++)
        {
            var designation = entry.OfficerDesignations[i] = Clean(entry.OfficerDesignations[i]) ?? string.Empty;
            var (cipher, realName, namedOn) = CaseFileMapper.ParseOfficer(designation);
            var index = i;
            var fields = new AddOfficer.Command
            {
                Cipher = cipher,
                RealName = realName,
                UnderAnonymityOrder = realName is null,
                PubliclyNamedOn = namedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            if (Report(_officerRules.Validate(fields), null, _ => at.Officer(index)) && !ciphers.Add(cipher))
            {
                Error(at.Officer(i), $"Officer {cipher} is listed twice for this case.");
            }
        }
    }

    private void CheckStages(CaseFileEntry entry, EntryLocator at)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Stages.Count; i++)
        {
            var stage = entry.Stages[i];
            var index = i;
            if (stage is null)
            {
                Error(at.Stage(i, "kind"), "This stage is empty.");
                continue;
            }

            var kind = StageKindName(at.Stage(i, "kind"), stage.Kind);
            stage.Kind = kind?.ToString();
            stage.Label = Clean(stage.Label);
            stage.Outcome = Clean(stage.Outcome);
            stage.StartDate = Clean(stage.StartDate);
            stage.EndDate = Clean(stage.EndDate);
            var startPrecision = Precision(at.Stage(i, "start_precision"), stage.StartDate, stage.StartPrecision, out var startName);
            stage.StartPrecision = startName;
            var ended = stage.EndDate is not null || Clean(stage.EndPrecision) is not null;
            var endPrecision = Precision(at.Stage(i, "end_precision"), stage.EndDate, stage.EndPrecision, out var endName);
            stage.EndPrecision = ended ? endName : null;
            var fields = new AddStage.Command
            {
                Kind = kind ?? StageKind.Other,
                Label = stage.Label ?? (kind is null ? "?" : null),
                StartDate = stage.StartDate,
                StartPrecision = startPrecision,
                Ended = ended,
                EndDate = stage.EndDate,
                EndPrecision = endPrecision,
                Outcome = stage.Outcome,
            };
            Report(_stageRules.Validate(fields), StageColumns, field => at.Stage(index, field));
            CheckSources(stage.Sources, (j, field) => at.StageSource(index, j, field));

            if (kind is not null && !seen.TryAdd(StageKey(stage), i))
            {
                Error(at.Stage(i, "label"), $"Duplicate stage: the same kind, label and start as the stage at {Where(at.Stage(seen[StageKey(stage)], "label"))}.");
            }
        }
    }

    private void CheckMilestones(CaseFileEntry entry, EntryLocator at)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Milestones.Count; i++)
        {
            var milestone = entry.Milestones[i];
            var index = i;
            if (milestone is null)
            {
                Error(at.Milestone(i, "label"), "This milestone is empty.");
                continue;
            }

            milestone.Label = Clean(milestone.Label);
            milestone.Notes = Clean(milestone.Notes);
            milestone.Date = Clean(milestone.Date);
            var precision = Precision(at.Milestone(i, "precision"), milestone.Date, milestone.Precision, out var precisionName);
            milestone.Precision = precisionName;
            var fields = new AddMilestone.Command { Label = milestone.Label, Date = milestone.Date, DatePrecision = precision, Notes = milestone.Notes };
            Report(_milestoneRules.Validate(fields), MilestoneColumns, field => at.Milestone(index, field));
            CheckSources(milestone.Sources, (j, field) => at.MilestoneSource(index, j, field));

            if (milestone.Label is not null && !seen.TryAdd(MilestoneKey(milestone), i))
            {
                Error(at.Milestone(i, "label"), $"Duplicate milestone: the same label and date as the milestone at {Where(at.Milestone(seen[MilestoneKey(milestone)], "label"))}.");
            }
        }
    }

    private void CheckSources(IList<CaseFileSource> sources, Func<int, string, (int? Row, string Column)> at)
    {
        for (var j = 0; j < sources.Count; j++)
        {
            var source = sources[j];
            var index = j;
            if (source is null)
            {
                Error(at(j, "url"), "This source is empty: give its url.");
                continue;
            }

            source.Url = Clean(source.Url);
            source.Publisher = Clean(source.Publisher);
            source.Quote = Clean(source.Quote);
            var fields = new AddSource.Command { SourceUrl = source.Url, SourcePublisher = source.Publisher, SourceQuote = source.Quote };
            Report(_sourceRules.Validate(fields), SourceColumns, field => at(index, field));
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

    /// <summary>Adds each failure of a rule set at the row and column of its field; true when there were none.</summary>
    private bool Report(ValidationResult result, Dictionary<string, string>? columns, Func<string, (int? Row, string Column)> at)
    {
        foreach (var failure in result.Errors)
        {
            var column = columns is null ? string.Empty : columns.GetValueOrDefault(failure.PropertyName, columns.Values.First());
            Error(at(column), failure.ErrorMessage);
        }

        return result.IsValid;
    }

    /// <summary>
    /// A file names its precisions (day, month, year, unknown) and may leave them out: the date's shape then gives it
    /// ("2024-10-05" a day, "2024-10" a month, "2024" a year; no date, unknown). Whether the two agree is the rule set's.
    /// </summary>
    private DatePrecision Precision((int? Row, string Column) at, string? date, string? text, out string precisionName)
    {
        var clean = Clean(text)?.ToLowerInvariant();
        DatePrecision? named = clean switch
        {
            null => null,
            "day" => DatePrecision.Day,
            "month" => DatePrecision.Month,
            "year" => DatePrecision.Year,
            "unknown" => DatePrecision.Unknown,
            _ => null,
        };
        if (clean is not null && named is null)
        {
            Error(at, $"'{Short(clean)}' is not a precision: use day, month, year or unknown.");
        }

        var precision = named ?? (date is null ? DatePrecision.Unknown : PartialDate.TryParseIso(date, out var parsed) ? parsed.Precision : DatePrecision.Day);
        precisionName = precision.ToString().ToLowerInvariant();
        return precision;
    }

    private StageKind? StageKindName((int? Row, string Column) at, string? text)
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
            return byDisplayName[0];
        }

        if (!clean.All(char.IsAsciiDigit) && Enum.TryParse<StageKind>(clean, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
        {
            return kind;
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

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private void Error((int? Row, string Column) at, string text) => messages.Add(new(ImportSeverity.Error, at.Row, at.Column, text, _caseId));
}
