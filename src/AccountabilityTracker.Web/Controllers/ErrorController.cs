using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

[AllowAnonymous]

// Error pages are re-executed for whatever request failed, POSTs included: they change nothing, so no token check.
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error/{statusCode:int?}")]
    public IActionResult Show(int? statusCode)
    {
        // After an exception the handler has already chosen the status (e.g. 413 for a body over Kestrel's limit).
        var code = statusCode ?? (Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        Response.StatusCode = code;
        ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        return View("Show", code);
    }
}
