using AccountabilityTracker.Application.Features.Profile;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Sign-in (password, then TOTP when enabled), sign-out. Every outcome is audited.</summary>
[Route("account")]
public sealed class AccountController(SignInManager<TrackerUser> signIn, SignInGate gate, IMediator mediator) : Controller
{
    public const string WrongCredentials =
        "The email address or password is not right, or this account cannot sign in just now. Wait a few minutes and try again, or ask an administrator.";

    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login")]
    [EnableRateLimiting(SecurityRegistration.SignInRateLimit)]
    public async Task<IActionResult> Login(LoginInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Email))
        {
            ModelState.AddModelError(nameof(input.Email), "Enter your email address.");
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            ModelState.AddModelError(nameof(input.Password), "Enter your password.");
        }

        if (!ModelState.IsValid)
        {
            return View(input with { Password = null });
        }

        var email = input.Email!.Trim();
        var outcome = await gate.PasswordSignInAsync(email, input.Password!);
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        switch (outcome)
        {
            case SignInGate.Outcome.SignedIn:
                await mediator.Send(new RecordSecurityEvent.Command(SecurityEventType.SignInSucceeded, email, address), cancellationToken);
                return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
            case SignInGate.Outcome.NeedsTwoFactor:
                return RedirectToAction(nameof(TwoFactor), new { returnUrl = input.ReturnUrl });
            case SignInGate.Outcome.Throttled:
                await mediator.Send(new RecordSecurityEvent.Command(SecurityEventType.LockedOut, email, address, "throttled: too many failures in a row, password not checked"), cancellationToken);
                break;
            default:
                await mediator.Send(new RecordSecurityEvent.Command(SecurityEventType.SignInFailed, email, address), cancellationToken);
                break;
        }

        // One message for every refusal (unknown address, wrong password, locked or throttled account), so the page
        // never tells an outsider which addresses have accounts.
        ModelState.AddModelError(string.Empty, WrongCredentials);
        return View(input with { Password = null });
    }

    [AllowAnonymous]
    [HttpGet("two-factor")]
    public IActionResult TwoFactor(string? returnUrl) => View(new TwoFactorInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("two-factor")]
    [EnableRateLimiting(SecurityRegistration.SignInRateLimit)]
    public async Task<IActionResult> TwoFactor(TwoFactorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(Login));
        }

        var code = (input.Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var email = user.Email ?? user.Id;
        if (result.Succeeded)
        {
            await mediator.Send(new RecordSecurityEvent.Command(SecurityEventType.SignInSucceeded, email, address, "with two-factor code"), cancellationToken);
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        var eventType = result.IsLockedOut ? SecurityEventType.LockedOut : SecurityEventType.SignInFailed;
        await mediator.Send(new RecordSecurityEvent.Command(eventType, email, address, "wrong two-factor code"), cancellationToken);
        ModelState.AddModelError(nameof(input.Code), result.IsLockedOut ? "This account is locked after too many failed attempts." : "That code is not right. Enter the 6-digit code your authenticator app shows now.");
        return View(input with { Code = null });
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        await mediator.Send(new SignOutEverywhere.Command(HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}

public sealed record LoginInput
{
    public string? Email { get; init; }

    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }
}

public sealed record TwoFactorInput
{
    public string? Code { get; init; }

    public string? ReturnUrl { get; init; }
}
