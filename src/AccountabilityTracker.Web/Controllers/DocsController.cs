using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// The guides in the repository's docs folder (copied beside the app at build), so a page that names one can link to it
/// on a network with no internet. Shown as written (Markdown reads as plain text); only the named guides, by name.
/// </summary>
[Route("docs")]
public sealed partial class DocsController : Controller
{
    /// <summary>Where the build copies docs/*.md (see the project file).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "docs");

    [HttpGet("{page}")]
    public async Task<IActionResult> Show([FromRoute] string page, CancellationToken cancellationToken)
    {
        if (!PageName().IsMatch(page ?? string.Empty))
        {
            return NotFound();
        }

        var path = Path.Combine(Folder, page + ".md");
        if (!System.IO.File.Exists(path))
        {
            return NotFound();
        }

        return View(new DocPage(page!, await System.IO.File.ReadAllTextAsync(path, cancellationToken)));
    }

    [GeneratedRegex("^[a-z][a-z-]{0,40}$")]
    private static partial Regex PageName();
}

public sealed record DocPage(string Name, string Text)
{
    /// <summary>The guide's first heading ("# Time limits" → "Time limits"), or its name.</summary>
    public string Title => Text.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? Name;
}
