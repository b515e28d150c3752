using System.Net;
using System.Text.RegularExpressions;

namespace AccountabilityTracker.Web.Tests.Infrastructure;

/// <summary>
/// Posting forms as a browser does: GET the page (which sets the antiforgery cookie in the client's cookie container),
/// read the hidden token (and other hidden fields) from the HTML, and post them back with the cookie.
/// </summary>
public static partial class Forms
{
    public const string TokenField = "__RequestVerificationToken";

    public static async Task<string> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} gave {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    public static string Token(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>Posts fields with the antiforgery token from <paramref name="pageWithForm"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string pageWithForm, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var withToken = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new(TokenField, Token(pageWithForm)));
        return client.PostAsync(path, new FormUrlEncodedContent(withToken));
    }

    /// <summary>Posts repeated fields (e.g. several checkboxes of one name) with the token.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string pageWithForm, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new(TokenField, Token(pageWithForm)))));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();

    public static async Task<(string Html, Dictionary<string, string> Hidden)> GetFormAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var hidden = HiddenInput().Matches(html)
            .GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
        Assert.True(hidden.ContainsKey("__RequestVerificationToken"), "The form has no antiforgery token.");
        return (html, hidden);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> hidden, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(hidden);
        var all = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", hidden["__RequestVerificationToken"]) };
        all.AddRange(fields);
        all.AddRange(hidden.Where(h => all.TrueForAll(f => f.Key != h.Key)));
        return client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>The message shown beside a field: the text of its validation span, or null when none.</summary>
    public static string? FieldError(string html, string field)
    {
        var match = Regex.Match(html, "<span[^>]*data-valmsg-for=\"" + Regex.Escape(field) + "\"[^>]*>(?<message>[^<]*)</span>");
        return match.Success && match.Groups["message"].Value.Length > 0 ? WebUtility.HtmlDecode(match.Groups["message"].Value) : null;
    }

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?type=\"hidden\"[^>]*?value=\"(?<value>[^\"]*)\"|<input[^>]*?type=\"hidden\"[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
