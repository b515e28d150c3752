using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.History;

/// <summary>
/// Records every change to a case and its parts as <see cref="CaseHistoryEntry"/> rows in the same save (so in the same
/// transaction): one row per field, with the old and new value. Added to the DbContext by <see cref="DependencyInjection"/>.
/// </summary>
public sealed class CaseHistoryInterceptor(ICurrentUser currentUser, ActingFor actingFor, TimeProvider time) : SaveChangesInterceptor
{
    private const string StageKey = nameof(Source.StageId);
    private const string MilestoneKey = nameof(Source.MilestoneId);

    /// <summary>Bookkeeping, not history: keys, the concurrency token, timestamps the entries carry themselves.</summary>
    private static readonly HashSet<string> NotRecorded = new(StringComparer.Ordinal)
    {
        nameof(Case.Id), nameof(Case.Version), nameof(Case.CreatedAtUtc), nameof(Case.UpdatedAtUtc), nameof(Stage.CaseId), nameof(OfficerEvent.OfficerId), StageKey, MilestoneKey, nameof(StagePause.RecordedAtUtc),
    };

    private static readonly HashSet<(Type, string)> Restricted =
    [
        (typeof(Officer), nameof(Officer.RealName)),
        (typeof(Case), nameof(Case.ConfidentialNotes)),
    ];

    private readonly List<CaseHistoryEntry> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _pending.Clear();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return ValueTask.FromResult(result);
    }

    /// <summary>A refused save (e.g. a concurrency conflict) leaves no history behind to be saved by a later attempt.</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Discard(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Discard(DbContext? context)
    {
        foreach (var entry in _pending)
        {
            if (context?.Entry(entry) is { State: EntityState.Added } tracked)
            {
                tracked.State = EntityState.Detached;
            }
        }

        _pending.Clear();
    }

    private void Capture(DbContext? context)
    {
        if (context is not TrackerDbContext db)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow().UtcDateTime;
        var actor = actingFor.Actor(currentUser);
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Entity is Case or Stage or Milestone or Officer or OfficerEvent or Source or StagePause or StageExtension)
            .ToList();

        foreach (var entry in changed)
        {
            var change = entry.State switch
            {
                EntityState.Added => HistoryChange.Created,
                EntityState.Deleted => HistoryChange.Deleted,
                _ => HistoryChange.Edited,
            };
            var fields = FieldChanges(db, entry, change).ToList();
            if (change == HistoryChange.Deleted)
            {
                fields = [("(whole record)", "present", null)];
            }

            foreach (var (field, oldValue, newValue) in fields)
            {
                var history = new CaseHistoryEntry(PartOf(entry.Entity), change, Prefix(entry.Entity) + field, Clip(oldValue), Clip(newValue),
                    Restricted.Contains((entry.Entity.GetType(), field)), Clip(actor, TextLimits.Email) ?? "unknown", now);
                Link(history, entry);
                db.CaseHistory.Add(history);
                _pending.Add(history);
            }
        }
    }

    private static IEnumerable<(string Field, string? Old, string? New)> FieldChanges(TrackerDbContext db, EntityEntry entry, HistoryChange change)
    {
        foreach (var property in entry.Properties)
        {
            if (NotRecorded.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            var newValue = Format(property.CurrentValue);
            if (change == HistoryChange.Created)
            {
                if (!string.IsNullOrEmpty(newValue) && property.CurrentValue is not false)
                {
                    yield return (property.Metadata.Name, null, newValue);
                }

                continue;
            }

            var oldValue = Format(property.OriginalValue);
            if (property.IsModified && !string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                yield return (property.Metadata.Name, oldValue, newValue);
            }
        }

        if (entry.Entity is Source source)
        {
            var now = Attachment(db, source.Stage, source.Milestone, entry.Property(StageKey).CurrentValue as int?, entry.Property(MilestoneKey).CurrentValue as int?);
            var before = change == HistoryChange.Created
                ? null
                : Attachment(db, null, null, entry.Property(StageKey).OriginalValue as int?, entry.Property(MilestoneKey).OriginalValue as int?);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                yield return ("AttachedTo", before, now);
            }
        }
    }

    /// <summary>What a source is attached to, in words ("stage “Inquest”"), so history stays readable.</summary>
    private static string Attachment(TrackerDbContext db, Stage? stage, Milestone? milestone, int? stageId, int? milestoneId)
    {
        stage ??= stageId is { } sid ? db.Stages.Local.FirstOrDefault(s => s.Id == sid) : null;
        milestone ??= milestoneId is { } mid ? db.Milestones.Local.FirstOrDefault(m => m.Id == mid) : null;
        return stage is not null ? $"stage “{stage.Label}”"
            : milestone is not null ? $"milestone “{milestone.Label}”"
            : stageId is { } s2 ? string.Create(CultureInfo.InvariantCulture, $"stage #{s2}")
            : milestoneId is { } m2 ? string.Create(CultureInfo.InvariantCulture, $"milestone #{m2}")
            : "the case as a whole";
    }

    /// <summary>A pause or extension is recorded as part of its stage: "Pause from", "Extension new amount".</summary>
    private static string Prefix(object entity) => entity switch
    {
        StagePause => "Pause",
        StageExtension => "Extension",
        OfficerEvent => "Event ",
        _ => string.Empty,
    };

    private static CasePart PartOf(object entity) => entity switch
    {
        Stage or StagePause or StageExtension => CasePart.Stage,
        Milestone => CasePart.Milestone,
        Officer or OfficerEvent => CasePart.Officer,
        Source => CasePart.Source,
        _ => CasePart.Case,
    };

    /// <summary>Links the entry by navigation, so keys of records created in the same save are filled in by EF.</summary>
    private static void Link(CaseHistoryEntry history, EntityEntry entry)
    {
        var owner = entry.Entity switch
        {
            Case c => c,
            Stage s => s.Case,
            Milestone m => m.Case,
            Officer o => o.Case,
            OfficerEvent e => e.Case,
            Source s => s.Case,
            StagePause p => p.Stage.Case,
            StageExtension x => x.Stage.Case,
            _ => null,
        };
        if (owner is not null)
        {
            history.Case = owner;
        }
        else
        {
            history.CaseId = (int)entry.Property(nameof(Stage.CaseId)).CurrentValue!;
        }

        switch (entry.Entity)
        {
            case Stage stage:
                history.Stage = stage;
                break;
            case Milestone milestone:
                history.Milestone = milestone;
                break;
            case Officer officer:
                history.Officer = officer;
                break;
            case OfficerEvent officerEvent:
                history.Officer = officerEvent.Officer;
                break;
            case Source source:
                history.Source = source;
                break;
            case StagePause pause:
                history.Stage = pause.Stage;
                break;
            case StageExtension extension:
                history.Stage = extension.Stage;
                break;
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly clock => clock.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        Enum named => named.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Clip(string? value, int max = TextLimits.LongText) => value is null || value.Length <= max ? value : value[..max];
}
