using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

[Authorize(Policy = Policies.ReadCases)]
public sealed class CasesController(IMediator mediator) : CaseFormController
{
    [HttpGet("/")]
    [HttpGet("/cases")]
    public async Task<IActionResult> Index([FromQuery] ListCases.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Paging.Correction(query.Page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        try
        {
            var page = await mediator.Send(query, cancellationToken);
            return Paging.Correction(page.Page, page.PageCount) is { } last
                ? Redirect(Paging.WithPage(Request, last))
                : View(new CaseListViewModel(query, page));
        }
        catch (RequestValidationException refused)
        {
            // A refused filter: the form keeps what was typed with the message beside the field, above every case.
            ModelState.AddRequestErrors(refused);
            return View(new CaseListViewModel(query, await mediator.Send(new ListCases.Query(), cancellationToken)) { IsRefused = true });
        }
    }

    [HttpGet("/cases/{id:int}")]
    public async Task<IActionResult> Details([FromRoute] int id, CancellationToken cancellationToken)
    {
        var details = await mediator.Send(new GetCaseDetails.Query(id), cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet("/cases/{id:int}/history")]
    public async Task<IActionResult> History([FromRoute] int id, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (Paging.Correction(page, int.MaxValue) is { } first)
        {
            return Redirect(Paging.WithPage(Request, first));
        }

        var history = await mediator.Send(new GetCaseHistory.Query(id, page), cancellationToken);
        return history is null ? NotFound()
            : Paging.Correction(page, history.Entries.PageCount) is { } last ? Redirect(Paging.WithPage(Request, last))
            : View(history);
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpGet("/cases/new")]
    public IActionResult Create() => View("Form", new CreateCase.Command());

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("/cases/new")]
    public async Task<IActionResult> Create([FromForm] CreateCase.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        CreateCase.Result? created = null;
        return await SubmitAsync(
            form,
            async () => (created = await mediator.Send(form, cancellationToken)) is not null,
            () => ToCase(created!.Id, $"Case {created.Reference} created. Add its stages, milestones, officers and sources below."),
            f => View("Form", f));
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpGet("/cases/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id, CancellationToken cancellationToken)
    {
        var form = await mediator.Send(new EditCase.Query(id), cancellationToken);
        return form is null ? NotFound() : View("Form", form);
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("/cases/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] EditCase.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { Id = id };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(id, "Case saved."),
            f => View("Form", f),
            (f, version) => f with { Version = version });
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpGet("/cases/{id:int}/status")]
    public async Task<IActionResult> Status([FromRoute] int id, CancellationToken cancellationToken)
    {
        var form = await mediator.Send(new SetCaseStatus.Query(id), cancellationToken);
        return form is null ? NotFound() : View("Status", form);
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("/cases/{id:int}/status")]
    public async Task<IActionResult> Status([FromRoute] int id, [FromForm] SetCaseStatus.Command form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = form with { Id = id };
        return await SubmitAsync(
            command,
            () => mediator.Send(command, cancellationToken),
            () => ToCase(id, "Case status saved."),
            f => View("Status", f),
            (f, version) => f with { Version = version });
    }

    [Authorize(Policy = Policies.EditCases)]
    [HttpPost("/cases/{id:int}/archive")]
    public async Task<IActionResult> Archive([FromRoute] int id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new ArchiveCase.Command(id), cancellationToken))
        {
            return NotFound();
        }

        TempData["Notice"] = "Case archived. It no longer appears in lists or reports; an administrator can restore it.";
        return RedirectToAction(nameof(Index));
    }
}
