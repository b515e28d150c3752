using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Profile;
using AccountabilityTracker.Web.Infrastructure;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Any signed-in user: two-factor set-up and password change.</summary>
[Route("profile")]
public sealed class ProfileController(IMediator mediator, SignInManager<TrackerUser> signIn) : CaseFormController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new ProfileViewModel(await mediator.Send(new GetTwoFactorSetup.Query(), cancellationToken), new TwoFactorCodeInput(), new ChangePasswordInput()));

    [HttpPost("two-factor")]
    public async Task<IActionResult> EnableTwoFactor(TwoFactorCodeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await SubmitAsync(
            input,
            async () =>
            {
                await mediator.Send(new EnableTwoFactor.Command(input.Code ?? string.Empty), cancellationToken);
                await KeepThisSessionAsync();
                return true;
            },
            () =>
            {
                TempData["Notice"] = "Two-factor sign-in is on. Next time you sign in, enter the code from your authenticator app.";
                return RedirectToAction(nameof(Index));
            },
            async form => View(nameof(Index), new ProfileViewModel(await mediator.Send(new GetTwoFactorSetup.Query(), cancellationToken), form with { Code = null }, new ChangePasswordInput())));
    }

    /// <summary>Personal access tokens for the API: list, create (shown once), revoke.</summary>
    [HttpGet("tokens")]
    public async Task<IActionResult> Tokens(CancellationToken cancellationToken) =>
        View(new TokensViewModel(await mediator.Send(new ListAccessTokens.Query(), cancellationToken), new CreateTokenInput(), null));

    [HttpPost("tokens")]
    public async Task<IActionResult> CreateToken(CreateTokenInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CreateAccessToken.Result? created = null;
        var tokens = new List<AccessTokenView>();
        return await SubmitAsync(
            input,
            async () =>
            {
                created = await mediator.Send(new CreateAccessToken.Command { Name = input.Name, LifetimeDays = input.LifetimeDays ?? 0, Password = input.Password }, cancellationToken);
                tokens.AddRange(await mediator.Send(new ListAccessTokens.Query(), cancellationToken));
                return true;
            },
            () =>
            {
                // The token is in this response only: never cached, never in a redirect or TempData.
                Response.Headers.CacheControl = "no-store";
                return View(nameof(Tokens), new TokensViewModel(tokens, new CreateTokenInput(), created));
            },
            async form => View(nameof(Tokens), new TokensViewModel(await mediator.Send(new ListAccessTokens.Query(), cancellationToken), form with { Password = null }, null)));
    }

    [HttpPost("tokens/{id:int}/revoke")]
    public async Task<IActionResult> RevokeToken(int id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new RevokeAccessToken.Command(id), cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "The token is revoked: calls with it are refused from now on.";
        return RedirectToAction(nameof(Tokens));
    }

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await SubmitAsync(
            input,
            async () =>
            {
                await mediator.Send(new ChangePassword.Command(input.CurrentPassword ?? string.Empty, input.Password ?? string.Empty), cancellationToken);
                await KeepThisSessionAsync();
                return true;
            },
            () =>
            {
                TempData["Notice"] = "Your password is changed.";
                return RedirectToAction(nameof(Index));
            },
            async _ => View(nameof(Index), new ProfileViewModel(await mediator.Send(new GetTwoFactorSetup.Query(), cancellationToken), new TwoFactorCodeInput(), new ChangePasswordInput())));
    }

    /// <summary>
    /// The change gave the account a new security stamp, which ends every session; this one is re-issued with the new
    /// stamp (same sign-in time, so the absolute lifetime still counts from the original sign-in).
    /// </summary>
    private async Task KeepThisSessionAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}

public sealed record ProfileViewModel(GetTwoFactorSetup.Result TwoFactor, TwoFactorCodeInput CodeInput, ChangePasswordInput PasswordInput);

public sealed record TwoFactorCodeInput
{
    public string? Code { get; init; }
}

public sealed record ChangePasswordInput
{
    public string? CurrentPassword { get; init; }

    public string? Password { get; init; }
}

public sealed record TokensViewModel(IReadOnlyList<AccessTokenView> Tokens, CreateTokenInput Input, CreateAccessToken.Result? Created);

public sealed record CreateTokenInput
{
    public string? Name { get; init; }

    public int? LifetimeDays { get; init; } = CreateAccessToken.DefaultLifetimeDays;

    public string? Password { get; init; }
}
