using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Administrators: create users, set roles, lock and unlock, reset passwords.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/users")]
public sealed class AdminUsersController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListUsers.Query(), cancellationToken));

    [HttpGet("new")]
    public IActionResult Create() => View(new NewUserInput());

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewUserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await mediator.Send(new CreateUser.Command(input.Email ?? string.Empty, input.DisplayName ?? string.Empty, input.Password ?? string.Empty, input.Roles ?? []), cancellationToken);
            TempData["Notice"] = $"{input.Email} can now sign in. Give them the password out of band; they can change it on their profile.";
            return RedirectToAction(nameof(Index));
        }
        catch (RequestValidationException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return View(input with { Password = null });
        }
    }

    [HttpPost("{id}/roles")]
    public Task<IActionResult> SetRoles([FromRoute] string id, string[]? roles, CancellationToken cancellationToken) =>
        SendAndReturnAsync(new SetUserRoles.Command(id, roles ?? []), "Roles saved.", cancellationToken);

    [HttpPost("{id}/lock")]
    public Task<IActionResult> Lock([FromRoute] string id, CancellationToken cancellationToken) =>
        SendAndReturnAsync(new SetUserLock.Command(id, Locked: true), "Account locked.", cancellationToken);

    [HttpPost("{id}/unlock")]
    public Task<IActionResult> Unlock([FromRoute] string id, CancellationToken cancellationToken) =>
        SendAndReturnAsync(new SetUserLock.Command(id, Locked: false), "Account unlocked.", cancellationToken);

    [HttpPost("{id}/password")]
    public Task<IActionResult> ResetPassword([FromRoute] string id, string? password, CancellationToken cancellationToken) =>
        SendAndReturnAsync(new ResetPassword.Command(id, password ?? string.Empty), "Password reset. Tell the user the new password out of band.", cancellationToken);

    /// <summary>One user's API tokens, to revoke any of them.</summary>
    [HttpGet("{id}/tokens")]
    public async Task<IActionResult> Tokens([FromRoute] string id, CancellationToken cancellationToken)
    {
        try
        {
            return View(await mediator.Send(new ListUserTokens.Query(id), cancellationToken));
        }
        catch (RequestValidationException)
        {
            return NotFound();
        }
    }

    [HttpPost("{id}/tokens/{tokenId:int}/revoke")]
    public async Task<IActionResult> RevokeToken([FromRoute] string id, [FromRoute] int tokenId, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new RevokeUserToken.Command(id, tokenId), cancellationToken);
            TempData["Notice"] = "The token is revoked: calls with it are refused from now on.";
            return RedirectToAction(nameof(Tokens), new { id });
        }
        catch (RequestValidationException)
        {
            return NotFound();
        }
    }

    /// <summary>Actions on the user list report back on the list itself: a notice, or the errors in plain words.</summary>
    private async Task<IActionResult> SendAndReturnAsync(IRequest<MediatR.Unit> command, string notice, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(command, cancellationToken);
            TempData["Notice"] = notice;
        }
        catch (RequestValidationException invalid)
        {
            TempData["Error"] = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        }

        return RedirectToAction(nameof(Index));
    }
}

public sealed record NewUserInput
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public string? Password { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }
}
