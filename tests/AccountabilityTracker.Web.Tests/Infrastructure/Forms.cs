using System.Net;
using System.Text.RegularExpressions;

namespace AccountabilityTracker.Web.Tests.Infrastructure;

/// <summary>Reads a page's antiforgery token and posts forms with it, as a browser would.</summary>
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
}
