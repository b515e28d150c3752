using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Administrators edit the limit rules; every change is audited and applies to every case at once.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/limits")]
public sealed class LimitRulesController(IMediator mediator) : CaseFormController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListLimitRules.Query(), cancellationToken));

    [HttpGet("{key}")]
    public async Task<IActionResult> Edit([FromRoute] string key, CancellationToken cancellationToken)
    {
        var rule = await mediator.Send(new GetLimitRule.Query(key), cancellationToken);
        return rule is null ? NotFound() : View(LimitRuleForm.From(rule));
    }

    [HttpPost("{key}")]
    public async Task<IActionResult> Edit([FromRoute] string key, LimitRuleForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rule = await mediator.Send(new GetLimitRule.Query(key), cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }

        UpdateLimitRule.Result? result = null;
        return await SubmitAsync(
            form,
            async () => (result = await mediator.Send(form.ToCommand(rule.Key), cancellationToken)) is not null,
            () =>
            {
                TempData["Status"] = result!.FieldsChanged == 0
                    ? $"{rule.Name}: nothing changed."
                    : $"{rule.Name}: {result.FieldsChanged} {(result.FieldsChanged == 1 ? "field" : "fields")} changed. Every case is measured against the new rule now.";
                return RedirectToAction(nameof(Index));
            },
            f => View(f.Describing(rule)));
    }
}
