using AccountabilityTracker.Application.Features.Backups;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Administrators write an online backup of a SQLite database while the app keeps serving.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/backup")]
public sealed class AdminBackupController(IMediator mediator, DatabaseOptions database) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(DatabaseRegistration.ParseProvider(database.Provider));

    [HttpPost("")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        TempData["Notice"] = (await mediator.Send(new CreateBackup.Command(), cancellationToken)).Message;
        return RedirectToAction(nameof(Index));
    }
}
