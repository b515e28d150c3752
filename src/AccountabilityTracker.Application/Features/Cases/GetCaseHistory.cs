using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// The History tab: every recorded change to a case and its parts, newest first. Values of restricted fields never leave
/// this handler for a role that may not see them.
/// </summary>
public static partial class GetCaseHistory
{
    public const int PageSize = 100;

    public sealed record Query(int Id, int Page = 1) : IRequest<Result?>;

    public sealed record Result(int Id, string Reference, string Title, bool IsArchived, PagedResult<Item> Entries);

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
            var total = await entries.CountAsync(cancellationToken);
            var rows = await entries
                .OrderByDescending(h => h.OccurredAtUtc).ThenByDescending(h => h.Id)
                .Skip((request.Page - 1) * PageSize).Take(PageSize)
                .Select(h => new
                {
                    h.OccurredAtUtc, h.Actor, h.Part, h.Change, h.Field, h.OldValue, h.NewValue, h.IsRestricted,
                    Stage = h.Stage == null ? null : h.Stage.Label,
                    Milestone = h.Milestone == null ? null : h.Milestone.Label,
                    Officer = h.Officer == null ? null : h.Officer.Cipher,
                    Source = h.Source == null ? null : h.Source.Publisher ?? h.Source.Url,
                })
                .ToListAsync(cancellationToken);

            var items = rows.Select(r =>
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
            return new Result(found.Id, found.Reference, found.Title, found.IsArchived, new PagedResult<Item>(items, request.Page, PageSize, total));
        }
    }

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
