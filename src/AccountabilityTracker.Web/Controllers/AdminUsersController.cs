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
public sealed class AdminUsersController(IMediator mediator) : CaseFormController
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
        return await SubmitAsync(
            input,
            async () =>
            {
                await mediator.Send(new CreateUser.Command(input.Email ?? string.Empty, input.DisplayName ?? string.Empty, input.Password ?? string.Empty, input.Roles ?? []), cancellationToken);
                return true;
            },
            () =>
            {
                TempData["Notice"] = $"{input.Email} can now sign in. Give them the password out of band; they can change it on their profile.";
                return RedirectToAction(nameof(Index));
            },
            form => View(form with { Password = null }));
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

    /// <summary>
    /// Actions on the user list (roles, lock, password) are forms on the list itself: saved, the list comes back with a
    /// notice; refused, the list is shown again with the messages above it (the list has no field of its own per message).
    /// </summary>
    private Task<IActionResult> SendAndReturnAsync(IRequest<MediatR.Unit> command, string notice, CancellationToken cancellationToken) =>
        SubmitAsync(
            command,
            async () =>
            {
                await mediator.Send(command, cancellationToken);
                return true;
            },
            () =>
            {
                TempData["Notice"] = notice;
                return RedirectToAction(nameof(Index));
            },
            async _ =>
            {
                ModelState.MoveErrorsAboveForm();
                return View(nameof(Index), await mediator.Send(new ListUsers.Query(), cancellationToken));
            });
}

public sealed record NewUserInput
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public string? Password { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }
}
