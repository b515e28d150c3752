using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// The History tab: who did what, when, as events (one save, one import, one pause: the rows one write recorded, by one
/// person at one moment), newest first, each with every field it changed. A case's first load (created through the form,
/// an import or the reference data) is one "created" event. Values of restricted fields never leave this handler for a
/// role that may not see them.
/// </summary>
public static partial class GetCaseHistory
{
    public const int PageSize = 50;

    public sealed record Query(int Id, int Page = 1) : IRequest<Result?>;

    public sealed record Result(int Id, string Reference, string Title, bool IsArchived, PagedResult<Event> Entries);

    /// <summary>One write: when, by whom, in words what it did, and each field it changed.</summary>
    public sealed record Event(DateTime OccurredAtUtc, string Actor, string Summary, bool IsCreation, IReadOnlyList<Item> Items);

    /// <summary>One field changed. <see cref="Masked"/> entries carry no values: the role may not see them.</summary>
    public sealed record Item(DateTime OccurredAtUtc, string Actor, string Part, HistoryChange Change, string Field, string? OldValue, string? NewValue, bool Masked);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
    }

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Cases.AsNoTracking()
                .VisibleTo(currentUser)
                .Where(c => c.Id == request.Id)
                .Select(c => new { c.Id, c.Reference, c.Title, c.IsArchived })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var entries = db.CaseHistory.AsNoTracking().Where(h => h.CaseId == request.Id);
            var events = entries.GroupBy(h => new { h.OccurredAtUtc, h.Actor }).Select(g => new { g.Key.OccurredAtUtc, g.Key.Actor });
            var total = await events.CountAsync(cancellationToken);
            var page = await events
                .OrderByDescending(e => e.OccurredAtUtc).ThenBy(e => e.Actor)
                .Skip((request.Page - 1) * PageSize).Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return new Result(found.Id, found.Reference, found.Title, found.IsArchived, new PagedResult<Event>([], request.Page, PageSize, total));
            }

            var (from, to) = (page.Min(e => e.OccurredAtUtc), page.Max(e => e.OccurredAtUtc));
            var rows = await entries
                .Where(h => h.OccurredAtUtc >= from && h.OccurredAtUtc <= to)
                .OrderBy(h => h.Id)
                .Select(h => new
                {
                    h.OccurredAtUtc, h.Actor, h.Part, h.Change, h.Field, h.OldValue, h.NewValue, h.IsRestricted,
                    Stage = h.Stage == null ? null : h.Stage.Label,
                    Milestone = h.Milestone == null ? null : h.Milestone.Label,
                    Officer = h.Officer == null ? null : h.Officer.Cipher,
                    Source = h.Source == null ? null : h.Source.Publisher ?? h.Source.Url,
                })
                .ToListAsync(cancellationToken);

            var byEvent = rows.ToLookup(r => (r.OccurredAtUtc, r.Actor));
            var result = page.Select(e =>
            {
                var items = byEvent[(e.OccurredAtUtc, e.Actor)].Select(r =>
                {
                    var masked = r.IsRestricted && !currentUser.CanSeeRestricted;
                    var part = r.Part switch
                    {
                        CasePart.Stage => $"Stage “{r.Stage}”",
                        CasePart.Milestone => $"Milestone “{r.Milestone}”",
                        CasePart.Officer => $"Officer {r.Officer}",
                        CasePart.Source => $"Source ({r.Source})",
                        _ => "Case",
                    };
                    return new Item(r.OccurredAtUtc, r.Actor, part, r.Change, FieldName(r.Field), masked ? null : r.OldValue, masked ? null : r.NewValue, masked);
                }).ToList();
                var created = byEvent[(e.OccurredAtUtc, e.Actor)].Any(r => r.Part == CasePart.Case && r.Change == HistoryChange.Created);
                return new Event(e.OccurredAtUtc, e.Actor, Summarise(items, created), created, items);
            }).ToList();
            return new Result(found.Id, found.Reference, found.Title, found.IsArchived, new PagedResult<Event>(result, request.Page, PageSize, total));
        }
    }

    /// <summary>"Created the case (412 fields)", "Added stage “Inquest” (6 fields)", "Changed case: Location, Summary".</summary>
    internal static string Summarise(IReadOnlyList<Item> items, bool createdCase)
    {
        ArgumentNullException.ThrowIfNull(items);
        var fields = items.Count == 1 ? "1 field" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{items.Count} fields");
        if (createdCase)
        {
            return $"Created the case ({fields})";
        }

        var parts = items.Select(i => i.Part).Distinct(StringComparer.Ordinal).ToList();
        var what = parts.Count == 1 ? parts[0] : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{parts.Count} parts");
        var pause = items.Where(i => i.Field.StartsWith("Pause ", StringComparison.Ordinal)).ToList();
        if (pause.Count > 0)
        {
            return $"{(pause.Any(i => i.Change == HistoryChange.Created) ? "Paused" : "Resumed")} {Lower(what)}";
        }

        if (items.Any(i => i.Field.StartsWith("Extension ", StringComparison.Ordinal)))
        {
            return $"Extended the time limit of {Lower(what)}";
        }

        if (items.All(i => i.Change == HistoryChange.Created))
        {
            return $"Added {Lower(what)} ({fields})";
        }

        var changed = items.Select(i => i.Field).Distinct(StringComparer.Ordinal).ToList();
        return changed.Count <= 4 ? $"Changed {Lower(what)}: {string.Join(", ", changed)}" : $"Changed {Lower(what)} ({fields})";
    }

    private static string Lower(string part) => part.StartsWith("Case", StringComparison.Ordinal) ? "the case" : char.ToLowerInvariant(part[0]) + part[1..];

    /// <summary>"IncidentPrecision" → "Incident precision".</summary>
    internal static string FieldName(string field) => field switch
    {
        "IncidentOn" => "Incident date",
        "StartOn" => "Start date",
        "EndOn" => "End date",
        "OccurredOn" => "Date",
        "HasEnded" => "Ended",
        "RealName" => "Real name",
        "IsArchived" => "Archived",
        "Url" => "URL",
        _ => Capitalised(WordStart().Replace(field, " $1").Trim().ToLowerInvariant()),
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
