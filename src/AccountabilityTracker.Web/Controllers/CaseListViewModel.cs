using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;

namespace AccountabilityTracker.Web.Controllers;

public sealed record CaseListViewModel(ListCases.Query Query, PagedResult<ListCases.Item> Page)
{
    /// <summary>True when a filter was refused: <see cref="Page"/> then lists every case, unfiltered.</summary>
    public bool IsRefused { get; init; }

    /// <summary>True when any filter beyond the search text is set, so the extra filters open by themselves.</summary>
    public bool HasMoreFilters => Query.YearFrom is not null || Query.YearTo is not null || Query.IncidentType is not null || Query.Category is not null
        || Query.StageKind is not null || Query.ClockStatus is not null || !string.IsNullOrWhiteSpace(Query.Outcome) || Query.PageSize != ListCases.DefaultPageSize;

    /// <summary>Route values reproducing the current view with some values changed, so every link keeps the filters.</summary>
    public Dictionary<string, string?> RouteWith(int? page = null, CaseSort? sort = null) => new()
    {
        ["text"] = Query.Text,
        ["force"] = Query.Force,
        ["yearFrom"] = Query.YearFrom?.ToString(CultureInfo.InvariantCulture),
        ["yearTo"] = Query.YearTo?.ToString(CultureInfo.InvariantCulture),
        ["incidentType"] = Query.IncidentType?.ToString(),
        ["category"] = Query.Category?.ToString(),
        ["stageKind"] = Query.StageKind?.ToString(),
        ["clockStatus"] = Query.ClockStatus?.ToString(),
        ["outcome"] = Query.Outcome,
        ["sort"] = (sort ?? Query.Sort).ToString(),
        ["page"] = (page ?? Query.Page).ToString(CultureInfo.InvariantCulture),
        ["pageSize"] = Query.PageSize == ListCases.DefaultPageSize ? null : Query.PageSize.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A sortable column: the link sorts by it (ascending first, then the other way), and the header says how it is sorted now.</summary>
    public SortLink SortFor(CaseSort ascending, CaseSort descending, bool descendingFirst = false)
    {
        var current = Query.Sort == ascending ? "ascending" : Query.Sort == descending ? "descending" : "none";
        var next = current switch
        {
            "ascending" => descending,
            "descending" => ascending,
            _ => descendingFirst ? descending : ascending,
        };
        return new SortLink(RouteWith(page: 1, sort: next), current);
    }

    public sealed record SortLink(Dictionary<string, string?> Route, string AriaSort);
}
