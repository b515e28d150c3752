using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.OfficerEvents;
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
/// lists (e.g. "IOPC investigation" becomes IopcInvestigation, so the mapper reads them), jurisdictions, case status,
/// officer designations and structured officers, and the documented defaults of fields a file may leave out (each
/// left-out incident type, harm and category is "not recorded", with a warning; a force unknown in the case's
/// jurisdiction is imported as written, with a warning).
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
        [nameof(CaseFields.Jurisdiction)] = "jurisdiction",
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
        [nameof(StageFields.OutcomeType)] = "outcome_type",
    };

    private static readonly Dictionary<string, string> MilestoneColumns = new(StringComparer.Ordinal)
    {
        [nameof(MilestoneFields.Label)] = "label",
        [nameof(MilestoneFields.Date)] = "date",
        [nameof(MilestoneFields.DatePrecision)] = "precision",
        [nameof(MilestoneFields.Notes)] = "notes",
        [nameof(MilestoneFields.Type)] = "type",
    };

    private static readonly Dictionary<string, string> OfficerEventColumns = new(StringComparer.Ordinal)
    {
        [nameof(OfficerEventFields.OfficerId)] = "officer",
        [nameof(OfficerEventFields.Kind)] = "kind",
        [nameof(OfficerEventFields.Date)] = "date",
        [nameof(OfficerEventFields.DatePrecision)] = "precision",
        [nameof(OfficerEventFields.EndDate)] = "end_date",
        [nameof(OfficerEventFields.EndPrecision)] = "end_precision",
        [nameof(OfficerEventFields.Notes)] = "notes",
    };

    private static readonly Dictionary<string, string> SourceColumns = new(StringComparer.Ordinal)
    {
        [nameof(ISourceFields.SourceUrl)] = "url",
        [nameof(ISourceFields.SourcePublisher)] = "publisher",
        [nameof(ISourceFields.SourceQuote)] = "quote",
    };

    private static readonly Dictionary<string, string> OfficerColumns = new(StringComparer.Ordinal)
    {
        [nameof(OfficerFields.Cipher)] = "cipher",
        [nameof(OfficerFields.RealName)] = "name",
        [nameof(OfficerFields.NameIsPublic)] = "name_status",
        [nameof(OfficerFields.PubliclyNamedOn)] = "named_on",
    };

    /// <summary>A force the jurisdiction does not know is imported as written: only its text is checked, as the form checks text.</summary>
    private static readonly InlineValidator<CaseFileEntry> UnknownForceRules = CreateUnknownForceRules();

    private readonly CaseFieldsRules _caseRules = new(time);
    private readonly StageFieldsRules _stageRules = new(time);
    private readonly MilestoneFieldsRules _milestoneRules = new(time);
    private readonly OfficerFieldsRules _officerRules = new(time);
    private readonly OfficerEventFieldsRules _officerEventRules = new(time);
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
        CheckOfficerEvents(entry, at);
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
        NotRecorded(at.Case("incident_type"), entry.IncidentType, "incident type");
        NotRecorded(at.Case("harm"), entry.Harm, "harm");
        NotRecorded(at.Case("category"), entry.Category, "operation category");

        var jurisdictionText = Clean(entry.Jurisdiction);
        if (jurisdictionText is not null && CaseFileMapper.ParseJurisdiction(jurisdictionText) is null)
        {
            Error(at.Case("jurisdiction"), $"'{Short(jurisdictionText)}' is not a jurisdiction: use england_and_wales, scotland or northern_ireland.");
        }

        CheckStatus(entry, at);

        // The file's defaults (a subject "not published", a location, incident type and harm "not recorded") are the mapper's.
        var particulars = CaseFileMapper.ToParticulars(entry);
        var force = entry.Force is null ? null : particulars.Force;
        if (force is not null && !Forces.IsKnown(force, particulars.Jurisdiction))
        {
            if (force.Length > TextLimits.Force)
            {
                Error(at.Case("force"), $"The force name is {force.Length} characters long; at most {TextLimits.Force} are allowed.");
            }
            else if (Report(UnknownForceRules.Validate(entry), null, _ => at.Case("force")))
            {
                Warning(at.Case("force"), particulars.Jurisdiction == Jurisdiction.EnglandAndWales
                    ? $"'{force}' is not one of the {Forces.All.Count} forces the IOPC oversees; it is imported as written. Check the spelling (e.g. Metropolitan Police Service), or give the case's jurisdiction."
                    : $"'{force}' is not a force of {particulars.Jurisdiction.DisplayName()} ({string.Join(", ", Forces.In(particulars.Jurisdiction))}); it is imported as written.");
            }

            // The rest of the case is still checked by the form's rules, with a force they know standing in.
            force = Forces.In(particulars.Jurisdiction)[0];
        }

        var fields = new CreateCase.Command
        {
            Title = entry.Title,
            Subject = particulars.Subject,
            IncidentDate = entry.IncidentDate,
            IncidentPrecision = precision,
            Location = particulars.Location,
            Force = force,
            IncidentType = particulars.IncidentType,
            Harm = particulars.Harm,
            Category = particulars.Category,
            Jurisdiction = particulars.Jurisdiction,
            Summary = particulars.Summary,
        };
        Report(_caseRules.Validate(fields), CaseColumns, at.Case);
    }

    private static InlineValidator<CaseFileEntry> CreateUnknownForceRules()
    {
        var rules = new InlineValidator<CaseFileEntry>();
        rules.RuleFor(e => e.Force).PlainText(TextLimits.Force + 200);
        return rules;
    }

    private void CheckStatus(CaseFileEntry entry, EntryLocator at)
    {
        var status = Clean(entry.Status)?.ToLowerInvariant();
        entry.StatusNote = Clean(entry.StatusNote);
        if (entry.StatusNote is { Length: > TextLimits.Reason })
        {
            Error(at.Case("status_note"), $"The status note is {entry.StatusNote.Length} characters long; at most {TextLimits.Reason} are allowed.");
        }

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

        if (!DateOnly.TryParseExact(clean, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
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

    private void CheckOfficers(CaseFileEntry entry, EntryLocator at)
    {
        var ciphers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // The form's rules check each officer (cipher shape, name text, a public name needs a name, the day named); the
        // file adds the structured fields the form has no place for, and duplicates within the case.
        bool Officer(OfficerDetails details, Func<string, (int? Row, string Column)> where)
        {
            var fields = new AddOfficer.Command
            {
                Cipher = details.Cipher,
                RealName = details.Name,
                NameIsPublic = details.NameIsPublic,
                UnderAnonymityOrder = details.UnderAnonymityOrder,
                PubliclyNamedOn = details.NamedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            var valid = Report(_officerRules.Validate(fields), OfficerColumns, where);
            if (valid && fields.CleanCipher is { } cipher && !ciphers.Add(cipher))
            {
                Error(where("cipher"), $"Officer {cipher.ToUpperInvariant()} is listed twice for this case.");
                return false;
            }

            return valid;
        }

        for (var i = 0; i < entry.Officers.Count; i++)
        {
            var officer = entry.Officers[i];
            var index = i;
            (int? Row, string Column) Field(string field) => at.Case(field.Length == 0 ? FormattableString.Invariant($"officers[{index}]") : FormattableString.Invariant($"officers[{index}].{field}"));
            if (officer is null)
            {
                Error(Field(string.Empty), "This officer is empty: give a cipher, a name, or both.");
                continue;
            }

            officer.Cipher = Clean(officer.Cipher);
            officer.Name = Clean(officer.Name);
            officer.Notes = Clean(officer.Notes);
            if (officer.Cipher is null && officer.Name is null)
            {
                Error(Field(string.Empty), "An officer needs a cipher, a name, or both.");
                continue;
            }

            var status = Clean(officer.NameStatus)?.ToLowerInvariant();
            if (status is not null and not "public" and not "restricted")
            {
                Error(Field("name_status"), $"'{Short(status)}' is not a name status: use public or restricted.");
            }
            else if (officer.Name is not null && status is null)
            {
                Warning(Field("name_status"), "The name has no name_status, so it is held as restricted (shown only to roles allowed restricted fields). Write public if it has been published.");
            }

            officer.NameStatus = status;
            var namedOn = Day(Field("named_on"), officer.NamedOn);
            var made = Day(Field("anonymity_order_made_on"), officer.AnonymityOrderMadeOn);
            Day(Field("anonymity_order_varied_on"), officer.AnonymityOrderVariedOn);
            var lifted = Day(Field("anonymity_order_lifted_on"), officer.AnonymityOrderLiftedOn);
            if (lifted is { } l && made is { } m && l < m)
            {
                Error(Field("anonymity_order_lifted_on"), "An anonymity order cannot be lifted before it was made.");
            }

            if (officer.Notes is { Length: > TextLimits.Reason })
            {
                Error(Field("notes"), $"The notes are {officer.Notes.Length} characters long; at most {TextLimits.Reason} are allowed.");
            }

            var details = CaseFileMapper.ToDetails(officer);
            Officer(details with { NamedOn = namedOn, NameIsPublic = details.NameIsPublic && officer.Name is not null }, Field);
        }

        for (var i = 0; i < entry.OfficerDesignations.Count; i++)
        {
            var designation = entry.OfficerDesignations[i] = Clean(entry.OfficerDesignations[i]) ?? string.Empty;
            var index = i;
            var parsed = CaseFileMapper.ParseDesignation(designation);
            if (parsed.Details is not { } details)
            {
                // Text with a bracket is a designation the file grammar does not know; anything else is a would-be
                // cipher, refused by the form's rules in the form's words (an empty one too).
                if (!IsBracketed(designation) && !Officer(new OfficerDetails(designation, null, false, null, UnderAnonymityOrder: true), _ => at.Officer(index)))
                {
                    continue;
                }

                Error(at.Officer(i), $"'{Short(designation)}' is not an officer designation: give a cipher (NX121), \"NX121 (publicly named as <name> on <d MMMM yyyy>)\", \"<name> (named)\", \"<name> (restricted)\" or \"W80 (restricted name: <name>)\".");
                continue;
            }

            if (Officer(details, _ => at.Officer(index)) && parsed.BracketKeptAsNote)
            {
                Warning(at.Officer(i), $"The words in brackets after {details.Cipher} are kept as a note, not as a name. To record a name, write \"{details.Cipher} (publicly named as <name>)\" or give a structured officer.");
            }
        }
    }

    private static bool IsBracketed(string text) => text.EndsWith(')') && text.Contains(" (", StringComparison.Ordinal);

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
            var jurisdiction = CaseFileMapper.JurisdictionOf(entry);
            if (kind is { } kindOfStage && !StageKindNames.KindsFor(jurisdiction).Contains(kindOfStage))
            {
                Warning(at.Stage(i, "kind"), $"{kindOfStage.DisplayName()} is a stage of {kindOfStage.RuleJurisdiction().DisplayName()}, but the case is in {jurisdiction.DisplayName()}: it is imported as written and gets no clock from either. Check the kind (e.g. Other with a label).");
            }

            stage.Label = Clean(stage.Label);
            stage.Outcome = Clean(stage.Outcome);
            stage.StartDate = Clean(stage.StartDate);
            stage.EndDate = Clean(stage.EndDate);
            var startPrecision = Precision(at.Stage(i, "start_precision"), stage.StartDate, stage.StartPrecision, out var startName);
            stage.StartPrecision = startName;
            var explicitlyRunning = string.Equals(Clean(stage.EndPrecision), CaseFileMapper.RunningPrecision, StringComparison.OrdinalIgnoreCase);
            var ended = !explicitlyRunning && (stage.EndDate is not null || Clean(stage.EndPrecision) is not null);
            var endPrecision = DatePrecision.Day;
            if (explicitlyRunning)
            {
                stage.EndPrecision = CaseFileMapper.RunningPrecision;
                if (stage.EndDate is not null)
                {
                    Error(at.Stage(i, "end_date"), "The stage is marked running (end_precision running) but has an end date: leave the end date empty, or give its precision.");
                }
            }
            else
            {
                endPrecision = Precision(at.Stage(i, "end_precision"), stage.EndDate, stage.EndPrecision, out var endName);
                stage.EndPrecision = ended ? endName : null;
            }

            var outcomeType = OutcomeTypeName(at.Stage(i, "outcome_type"), stage.OutcomeType);
            stage.OutcomeType = outcomeType?.ToString();
            if (!ended && !explicitlyRunning && (stage.Outcome is not null || outcomeType is not null))
            {
                Warning(at.Stage(i, "end_date"), "The stage has an outcome but no end: it is imported as running. If it ended on a date nobody published, set end_precision to unknown; if it is still running, set end_precision to running.");
            }

            var fields = new AddStage.Command
            {
                Kind = kind ?? StageKind.Other,
                Label = stage.Label ?? (kind is null ? "?" : null),
                StartDate = stage.StartDate,
                StartPrecision = startPrecision,
                Ended = ended,
                EndDate = explicitlyRunning ? null : stage.EndDate,
                EndPrecision = endPrecision,
                Outcome = stage.Outcome,
                OutcomeType = outcomeType,
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
            milestone.Type = EnumName<MilestoneType>(at.Milestone(i, "type"), milestone.Type, "milestone type");
            milestone.Date = Clean(milestone.Date);
            var precision = Precision(at.Milestone(i, "precision"), milestone.Date, milestone.Precision, out var precisionName);
            milestone.Precision = precisionName;
            var fields = new AddMilestone.Command { Label = milestone.Label, Date = milestone.Date, DatePrecision = precision, Notes = milestone.Notes, Type = milestone.Type is null ? MilestoneType.Other : Enum.Parse<MilestoneType>(milestone.Type) };
            Report(_milestoneRules.Validate(fields), MilestoneColumns, field => at.Milestone(index, field));
            CheckSources(milestone.Sources, (j, field) => at.MilestoneSource(index, j, field));

            if (milestone.Label is not null && !seen.TryAdd(MilestoneKey(milestone), i))
            {
                Error(at.Milestone(i, "label"), $"Duplicate milestone: the same label and date as the milestone at {Where(at.Milestone(seen[MilestoneKey(milestone)], "label"))}.");
            }
        }
    }

    /// <summary>Each event names one of the entry's own officers (by cipher, or by name for one without a cipher) and passes the form's rules.</summary>
    private void CheckOfficerEvents(CaseFileEntry entry, EntryLocator at)
    {
        var officers = CaseFileMapper.OfficersOf(entry).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entry.OfficerEvents.Count; i++)
        {
            var officerEvent = entry.OfficerEvents[i];
            var index = i;
            if (officerEvent is null)
            {
                Error(at.OfficerEvent(i, "officer"), "This officer event is empty.");
                continue;
            }

            officerEvent.Officer = Clean(officerEvent.Officer);
            officerEvent.Date = Clean(officerEvent.Date);
            officerEvent.EndDate = Clean(officerEvent.EndDate);
            officerEvent.Notes = Clean(officerEvent.Notes);
            var known = officerEvent.Officer is { } wanted && officers.Exists(o =>
                string.Equals(o.Cipher?.Trim(), wanted, StringComparison.OrdinalIgnoreCase)
                || (string.IsNullOrWhiteSpace(o.Cipher) && string.Equals(o.Name?.Trim(), wanted, StringComparison.Ordinal)));
            if (officerEvent.Officer is not null && !known)
            {
                Error(at.OfficerEvent(i, "officer"), $"'{Short(officerEvent.Officer)}' is not one of this case's officers: give the cipher (or, for an officer without one, the name) of an officer the case lists.");
            }

            var kindGiven = Clean(officerEvent.Kind) is not null;
            var kindName = EnumName<OfficerEventKind>(at.OfficerEvent(i, "kind"), officerEvent.Kind, "kind of officer event");
            officerEvent.Kind = kindName;
            var precision = Precision(at.OfficerEvent(i, "precision"), officerEvent.Date, officerEvent.Precision, out var precisionName);
            officerEvent.Precision = precisionName;
            // As for a stage: no end (or end_precision "running") runs; end_precision "unknown" without a date ended undated.
            var endPrecision = DatePrecision.Day;
            var ended = false;
            if (string.Equals(Clean(officerEvent.EndPrecision), CaseFileMapper.RunningPrecision, StringComparison.OrdinalIgnoreCase) && officerEvent.EndDate is null)
            {
                officerEvent.EndPrecision = null;
            }
            else if (officerEvent.EndDate is not null || officerEvent.EndPrecision is not null)
            {
                endPrecision = Precision(at.OfficerEvent(i, "end_precision"), officerEvent.EndDate, officerEvent.EndPrecision, out var endName);
                ended = officerEvent.EndDate is not null || endPrecision == DatePrecision.Unknown;
                officerEvent.EndPrecision = ended ? endName : null;
            }

            var fields = new AddOfficerEvent.Command
            {
                OfficerId = officerEvent.Officer is null ? null : 0,
                Kind = kindName is null ? null : Enum.Parse<OfficerEventKind>(kindName),
                Date = officerEvent.Date,
                DatePrecision = precision,
                Ended = ended,
                EndDate = officerEvent.EndDate,
                EndPrecision = endPrecision,
                Notes = officerEvent.Notes,
            };
            var result = _officerEventRules.Validate(fields);
            if (kindGiven && kindName is null)
            {
                // The kind's name was refused above; the rule set would only say again that it is missing.
                result.Errors.RemoveAll(e => e.PropertyName == nameof(OfficerEventFields.Kind));
            }

            var valid = Report(result, OfficerEventColumns, field => at.OfficerEvent(index, field));
            if (valid && known && kindName is not null)
            {
                var key = FormattableString.Invariant($"{officerEvent.Officer!.ToUpperInvariant()}|{kindName}|{precision}|{CaseFileMapper.ToDate(officerEvent.Date, officerEvent.Precision).ToIsoString()}");
                if (!seen.TryAdd(key, i))
                {
                    Error(at.OfficerEvent(i, "kind"), $"Duplicate officer event: the same officer, kind and date as the event at {Where(at.OfficerEvent(seen[key], "kind"))}.");
                }
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

    private OutcomeType? OutcomeTypeName((int? Row, string Column) at, string? text)
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
            return byDisplayName[0];
        }

        if (!key.All(char.IsAsciiDigit) && Enum.TryParse<OutcomeType>(key, ignoreCase: true, out var type) && Enum.IsDefined(type))
        {
            return type;
        }

        Error(at, $"'{Short(clean)}' is not an outcome type: use one of {string.Join(", ", Enum.GetNames<OutcomeType>().Skip(1))}.");
        return null;
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

        if (!clean.All(char.IsAsciiDigit) && Enum.TryParse<TEnum>(clean.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value.ToString();
        }

        Error(at, $"'{Short(clean)}' is not a {what}: use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private void Error((int? Row, string Column) at, string text) => messages.Add(new(ImportSeverity.Error, at.Row, at.Column, text, _caseId));

    private void Warning((int? Row, string Column) at, string text) => messages.Add(new(ImportSeverity.Warning, at.Row, at.Column, text, _caseId));
}
