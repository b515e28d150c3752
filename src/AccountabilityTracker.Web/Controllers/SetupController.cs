using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>The one-time first-run link printed in the start-up log: creates the first administrator.</summary>
[AllowAnonymous]
[Route("setup/{token}")]
public sealed class SetupController(IMediator mediator) : CaseFormController
{
    [HttpGet("")]
    public async Task<IActionResult> Create([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new CheckSetupLink.Query(token), cancellationToken))
        {
            return View(new SetupInput());
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Used");
    }

    [HttpPost("")]
    [EnableRateLimiting(SecurityRegistration.SignInRateLimit)]
    public async Task<IActionResult> Create([FromRoute] string token, SetupInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await SubmitAsync(
            input,
            async () => await mediator.Send(
                new CreateFirstAdministrator.Command(input.Email ?? string.Empty, input.DisplayName ?? string.Empty, input.Password ?? string.Empty, token),
                cancellationToken) == CreateFirstAdministrator.Result.Created,
            () =>
            {
                TempData["Notice"] = "The administrator account is ready. Sign in with it.";
                return RedirectToAction("Login", "Account");
            },
            form => View(form with { Password = null }),
            notFound: () =>
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
                return View("Used");
            });
    }
}

public sealed record SetupInput
{
    public string? Email { get; init; }

    public string? DisplayName { get; init; }

    public string? Password { get; init; }
}
