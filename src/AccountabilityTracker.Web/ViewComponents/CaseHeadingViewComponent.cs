using AccountabilityTracker.Application.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.ViewComponents;

/// <summary>The breadcrumb and heading of a case's forms, so a form shown again after an error needs nothing from its action.</summary>
public sealed class CaseHeadingViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId, string action) =>
        View((await mediator.Send(new GetCaseOutline.Query(caseId), HttpContext.RequestAborted), action));
}

/// <summary>The choice of what a source is for: the case as a whole, one of its stages or milestones.</summary>
public sealed class SourceTargetsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId, string? selected) =>
        View((await mediator.Send(new GetCaseOutline.Query(caseId), HttpContext.RequestAborted), selected));
}

/// <summary>The choice of the officer an event happened to, among the case's officers as the user may see them.</summary>
public sealed class OfficerChoicesViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId, int? selected) =>
        View((await mediator.Send(new GetCaseOutline.Query(caseId), HttpContext.RequestAborted), selected));
}
