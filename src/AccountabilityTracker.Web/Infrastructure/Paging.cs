using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Pages of a list never lead nowhere: links go only to pages that exist, and an address with a page out of range is
/// sent to the nearest page that does (the first or the last), keeping every filter in the address.
/// </summary>
public static class Paging
{
    /// <summary>The current address with <c>page</c> set to <paramref name="page"/> and every other value kept.</summary>
    public static string WithPage(HttpRequest request, int page)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryBuilder();
        foreach (var (key, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            if (!string.Equals(key, "page", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    query.Add(key, value ?? string.Empty);
                }
            }
        }

        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return request.PathBase + request.Path + query.ToQueryString();
    }

    /// <summary>The page to send the reader to instead of <paramref name="requested"/>, or null when it exists.</summary>
    public static int? Correction(int requested, int pageCount) =>
        requested < 1 ? 1 : requested > pageCount ? pageCount : null;
}

/// <summary>Previous/next links and "page N of M" for a list, rendered by _Pager; hidden when there is one page.</summary>
public sealed record Pager(int Page, int PageCount, string Label)
{
    public string PreviousText { get; init; } = "Previous";

    public string NextText { get; init; } = "Next";
}
