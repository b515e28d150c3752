using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Import;

/// <summary>
/// Plans (dry run) or applies an import of checked entries against the database. Cases are matched by their external
/// id. A new id creates a case; a known id is merged: fields the file gives replace stored ones, fields it leaves empty
/// are kept, and stages, milestones, officers and sources the file adds are added. An import never deletes: what is
/// stored but absent from the file stays. The dry run runs the very same merge on untracked copies, so whatever the
/// domain would refuse shows up in the preview.
/// </summary>
public sealed class CaseImporter(TrackerDbContext db, DateTime nowUtc)
{
    private const int Batch = 250;

    public async Task<List<ImportItem>> RunAsync(
        IReadOnlyList<ParsedEntry> entries, bool apply, List<ImportMessage> messages, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(messages);

        // Every year the file's entries fall in (those it merges too) is locked up front, lowest first: an import never
        // waits on a writer that waits on it. Only case creations in those years wait for the import to commit.
        var references = apply
            ? await CaseReferences.ReserveAsync(db, entries.Select(e => CaseFileMapper.ToDate(e.Entry.IncidentDate, e.Entry.IncidentDatePrecision).Earliest?.Year).OfType<int>(), cancellationToken)
            : CaseReferences.Preview(db);
        var items = new List<ImportItem>(entries.Count);
        var done = 0;
        foreach (var chunk in entries.Chunk(Batch))
        {
            var ids = chunk.Select(e => e.Entry.Id!).ToList();
            var query = db.Cases
                .AsSplitQuery()
                .Include(c => c.Stages)
                .Include(c => c.Milestones)
                .Include(c => c.Officers)
                .Include(c => c.OfficerEvents)
                .Include(c => c.Sources)
                .Where(c => c.ExternalId != null && ids.Contains(c.ExternalId));
            var stored = await (apply ? query : query.AsNoTrackingWithIdentityResolution()).ToDictionaryAsync(c => c.ExternalId!, StringComparer.Ordinal, cancellationToken);

            foreach (var parsed in chunk)
            {
                items.Add(stored.TryGetValue(parsed.Entry.Id!, out var existing)
                    ? Merge(existing, parsed, messages)
                    : await CreateAsync(parsed, apply, references, messages, cancellationToken));
            }

            if (apply)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            done += chunk.Length;
            progress?.Invoke(done);
        }

        return items;
    }

    private async Task<ImportItem> CreateAsync(
        ParsedEntry parsed, bool apply, CaseReferences references, List<ImportMessage> messages, CancellationToken cancellationToken)
    {
        var entry = parsed.Entry;
        try
        {
            var year = CaseFileMapper.ToDate(entry.IncidentDate, entry.IncidentDatePrecision).Earliest!.Value.Year;
            var created = CaseFileMapper.ToCase(entry, await references.TakeAsync(year, cancellationToken), nowUtc);
            if (apply)
            {
                db.Cases.Add(created);
            }

            var summary = string.Create(
                CultureInfo.InvariantCulture,
                $"New case: {Count(created.Stages.Count, "stage")}, {Count(created.Milestones.Count, "milestone")}, {Count(created.Officers.Count, "officer")}, {Count(created.OfficerEvents.Count, "officer event")}, {Count(created.Sources.Count, "source")}");
            return new ImportItem(parsed.Locator.Rows, entry.Id, entry.Title, ImportAction.Create, [summary], created.Reference);
        }
        catch (DomainRuleException refused)
        {
            messages.Add(new(ImportSeverity.Error, parsed.Locator.Case("id").Row, null, refused.Message, entry.Id));
            return new ImportItem(parsed.Locator.Rows, entry.Id, entry.Title, ImportAction.Invalid, []);
        }
    }

    private ImportItem Merge(Case existing, ParsedEntry parsed, List<ImportMessage> messages)
    {
        var (entry, at) = (parsed.Entry, parsed.Locator);
        var changes = new List<string>();
        try
        {
            MergeParticulars(existing, entry, changes);
            MergeOfficers(existing, entry, at, changes, messages);
            MergeStages(existing, entry, at, changes, messages);
            MergeMilestones(existing, entry, changes);
            MergeOfficerEvents(existing, entry, changes);
            foreach (var url in entry.Sources.Where(u => !existing.Sources.Any(s => s.StageId is null && s.MilestoneId is null && SameUrl(s.Url, u))))
            {
                existing.AddSource(new SourceDetails(new Uri(url), null, null, null), nowUtc);
                changes.Add("Case source added: " + url);
            }
        }
        catch (DomainRuleException refused)
        {
            messages.Add(new(ImportSeverity.Error, at.Case("id").Row, null, refused.Message, entry.Id));
            return new ImportItem(at.Rows, entry.Id, entry.Title, ImportAction.Invalid, [], existing.Reference);
        }

        return new ImportItem(at.Rows, entry.Id, entry.Title, changes.Count == 0 ? ImportAction.Unchanged : ImportAction.Update, changes, existing.Reference);
    }

    private void MergeParticulars(Case existing, CaseFileEntry entry, List<string> changes)
    {
        var fromFile = CaseFileMapper.ToParticulars(entry);
        var merged = new CaseParticulars(
            fromFile.Title,
            entry.Subject is null ? existing.Subject : fromFile.Subject,
            fromFile.IncidentDate,
            existing.IncidentTime,
            entry.Location is null ? existing.Location : fromFile.Location,
            fromFile.Force,
            entry.IncidentType is null ? existing.IncidentType : fromFile.IncidentType,
            entry.Harm is null ? existing.Harm : fromFile.Harm,
            entry.Category is null ? existing.Category : fromFile.Category,
            existing.Summary,
            entry.Jurisdiction is null && Forces.OnlyJurisdictionOf(fromFile.Force) is null ? existing.Jurisdiction : fromFile.Jurisdiction);

        void Compare<T>(string name, T stored, T incoming)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, incoming))
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {stored} → {incoming}"));
            }
        }

        var before = changes.Count;
        Compare("Title", existing.Title, merged.Title.Trim());
        Compare("Subject", existing.Subject, merged.Subject.Trim());
        Compare("Incident date", existing.IncidentDate, merged.IncidentDate);
        Compare("Location", existing.Location, merged.Location.Trim());
        Compare("Force", existing.Force, merged.Force.Trim());
        Compare("Incident type", existing.IncidentType, merged.IncidentType);
        Compare("Harm", existing.Harm, merged.Harm);
        Compare("Category", existing.Category, merged.Category);
        Compare("Jurisdiction", existing.Jurisdiction, merged.Jurisdiction);
        if (changes.Count > before)
        {
            existing.Update(merged, nowUtc);
        }

        var status = (existing.Status, existing.StatusNote, existing.ClosedOn, existing.ExpectedOn);
        CaseFileMapper.ApplyStatus(existing, entry, nowUtc);
        if (status != (existing.Status, existing.StatusNote, existing.ClosedOn, existing.ExpectedOn))
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"Status: {status.Status} → {existing.Status}"));
        }
    }

    private void MergeOfficers(Case existing, CaseFileEntry entry, EntryLocator at, List<string> changes, List<ImportMessage> messages)
    {
        foreach (var officer in CaseFileMapper.OfficersOf(entry))
        {
            var stored = officer.Cipher is { } cipher
                ? existing.Officers.FirstOrDefault(o => string.Equals(o.Cipher, cipher.Trim(), StringComparison.OrdinalIgnoreCase))
                : existing.Officers.FirstOrDefault(o => o.Cipher is null && string.Equals(o.RealName, officer.Name?.Trim(), StringComparison.Ordinal));
            if (stored is null)
            {
                var added = existing.AddOfficer(officer, nowUtc);
                changes.Add("Officer added: " + (added.Cipher ?? (added.NameIsPublic ? added.RealName : "(restricted name)")));
            }
            else if (officer.Name is not null && !string.Equals(stored.RealName, officer.Name.Trim(), StringComparison.Ordinal))
            {
                var (row, column) = at.Case("officers");
                messages.Add(new(ImportSeverity.Warning, row, column, $"Officer {stored.Cipher} is already stored with other naming details; an import does not change them (edit the officer in the tracker).", entry.Id));
            }
        }
    }

    private void MergeStages(Case existing, CaseFileEntry entry, EntryLocator at, List<string> changes, List<ImportMessage> messages)
    {
        var storedByKey = existing.Stages.GroupBy(s => CaseEntryChecker.StageKey(s.Kind, s.Label, s.Start)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var matched = new HashSet<Stage>();
        for (var i = 0; i < entry.Stages.Count; i++)
        {
            var incoming = entry.Stages[i];
            var kind = CaseFileMapper.ParseEnum(incoming.Kind, StageKind.Other);
            var start = CaseFileMapper.ToDate(incoming.StartDate, incoming.StartPrecision);
            var end = CaseFileMapper.EndOf(incoming);
            var outcomeType = incoming.OutcomeType is null ? (OutcomeType?)null : CaseFileMapper.ParseEnum(incoming.OutcomeType, OutcomeType.Unclassified);
            var name = $"{kind.DisplayName()} '{incoming.Label}'";
            if (!storedByKey.TryGetValue(CaseEntryChecker.StageKey(incoming), out var stage))
            {
                stage = existing.AddStage(kind, incoming.Label ?? string.Empty, start, end, incoming.Outcome, nowUtc);
                if (outcomeType is { } type)
                {
                    stage.ClassifyOutcome(type, nowUtc);
                }

                foreach (var source in incoming.Sources)
                {
                    existing.AddSource(CaseFileMapper.ToDetails(source), nowUtc, stage: stage);
                }

                changes.Add(string.Create(CultureInfo.InvariantCulture, $"Stage added: {name} from {start}"));
                continue;
            }

            matched.Add(stage);
            var outcome = string.IsNullOrWhiteSpace(incoming.Outcome) ? null : incoming.Outcome.Trim();
            var (row, _) = at.Stage(i, "end_date");
            if (end is { } newEnd && (stage.End != newEnd || (outcome is not null && outcome != stage.Outcome)))
            {
                var what = stage.End == newEnd ? "outcome changed" : $"end {stage.End?.ToString() ?? "(running)"} → {newEnd}";
                stage.Close(newEnd, outcome, nowUtc, outcomeType);
                changes.Add($"Stage {name}: {what}");
            }
            else if (outcomeType is { } type && type != stage.OutcomeType)
            {
                stage.ClassifyOutcome(type, nowUtc);
                changes.Add($"Stage {name}: outcome type {stage.OutcomeType}");
            }
            else if (end is null && stage.End is not null)
            {
                messages.Add(new(ImportSeverity.Warning, row, "end_date", $"The stored stage {name} has ended ({stage.End}); the file gives no end. An import does not reopen a stage, so it stays ended.", entry.Id));
            }
            else if (end is null && outcome is not null && outcome != stage.Outcome)
            {
                messages.Add(new(ImportSeverity.Warning, row, "outcome", $"The stage {name} is still running, and its outcome differs from the stored one; an import changes an outcome only together with an end date.", entry.Id));
            }

            foreach (var source in incoming.Sources.Where(src => !existing.Sources.Any(s => s.StageId == stage.Id && stage.Id != 0 && SameUrl(s.Url, src.Url))))
            {
                existing.AddSource(CaseFileMapper.ToDetails(source), nowUtc, stage: stage);
                changes.Add($"Stage {name}: source added ({source.Url})");
            }
        }

        var kept = existing.Stages.Count(s => s.Id != 0 && !matched.Contains(s));
        if (kept > 0)
        {
            var (row, _) = at.Case("id");
            messages.Add(new(ImportSeverity.Warning, row, null, string.Create(CultureInfo.InvariantCulture, $"{Count(kept, "stage")} stored for this case {(kept == 1 ? "is" : "are")} not in the file; an import never deletes, so {(kept == 1 ? "it stays" : "they stay")}."), entry.Id));
        }
    }

    /// <summary>Adds the events the case lacks (matched by officer, kind and date; one an editor removed is not added again).</summary>
    private void MergeOfficerEvents(Case existing, CaseFileEntry entry, List<string> changes)
    {
        foreach (var incoming in entry.OfficerEvents)
        {
            var officer = CaseFileMapper.FindOfficer(existing, incoming.Officer);
            var kind = CaseFileMapper.ParseEnum(incoming.Kind, OfficerEventKind.Arrested);
            var date = CaseFileMapper.ToDate(incoming.Date, incoming.Precision);
            if (officer is null || existing.OfficerEvents.Any(e => (e.Officer == officer || (officer.Id != 0 && e.OfficerId == officer.Id)) && e.Kind == kind && e.Date == date))
            {
                continue;
            }

            var added = CaseFileMapper.AddOfficerEvent(existing, incoming, nowUtc);
            changes.Add($"Officer event added: {officer.Designation(canSeeRestricted: false)} {added.Kind.DisplayName().ToLowerInvariant()} on {added.Date}");
        }
    }

    private void MergeMilestones(Case existing, CaseFileEntry entry, List<string> changes)
    {
        var storedByKey = existing.Milestones.GroupBy(m => CaseEntryChecker.MilestoneKey(m.Label, m.Date)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var incoming in entry.Milestones)
        {
            if (!storedByKey.TryGetValue(CaseEntryChecker.MilestoneKey(incoming), out var milestone))
            {
                milestone = existing.AddMilestone(incoming.Label ?? string.Empty, CaseFileMapper.ToDate(incoming.Date, incoming.Precision), incoming.Notes, nowUtc, CaseFileMapper.ParseEnum(incoming.Type, MilestoneType.Other));
                foreach (var source in incoming.Sources)
                {
                    existing.AddSource(CaseFileMapper.ToDetails(source), nowUtc, milestone: milestone);
                }

                changes.Add($"Milestone added: '{incoming.Label}' on {milestone.Date}");
                continue;
            }

            foreach (var source in incoming.Sources.Where(src => !existing.Sources.Any(s => s.MilestoneId == milestone.Id && milestone.Id != 0 && SameUrl(s.Url, src.Url))))
            {
                existing.AddSource(CaseFileMapper.ToDetails(source), nowUtc, milestone: milestone);
                changes.Add($"Milestone '{milestone.Label}': source added ({source.Url})");
            }
        }
    }

    /// <summary>Stored URLs are normalised by <see cref="Uri"/>; compare the file's the same way.</summary>
    private static bool SameUrl(string stored, string? incoming) =>
        incoming is not null && Uri.TryCreate(incoming.Trim(), UriKind.Absolute, out var uri) && string.Equals(stored, uri.ToString(), StringComparison.Ordinal);

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
