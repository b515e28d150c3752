using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;

namespace AccountabilityTracker.Web.Controllers;

public sealed record CaseListViewModel(ListCases.Query Query, PagedResult<ListCases.Item> Page)
{
    /// <summary>Route values reproducing the current view with some values changed, so every link keeps the filters.</summary>
    public Dictionary<string, string?> RouteWith(int? page = null, CaseSort? sort = null) => new()
    {
        ["text"] = Query.Text,
        ["force"] = Query.Force,
        ["stageKind"] = Query.StageKind?.ToString(),
        ["sort"] = (sort ?? Query.Sort).ToString(),
        ["page"] = (page ?? Query.Page).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pageSize"] = Query.PageSize == ListCases.DefaultPageSize ? null : Query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
