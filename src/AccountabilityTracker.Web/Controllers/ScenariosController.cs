using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Web.Exports;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>Analysts and administrators: limit scenarios ("what if these limits had applied"), saved and shared by link.</summary>
[Authorize(Policy = Policies.RunReports)]
[Route("analysis/scenarios")]
public sealed class ScenariosController(IMediator mediator) : CaseFormController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListScenarios.Query(), cancellationToken));

    [HttpGet("new")]
    public IActionResult Create() => View("Form", ScenarioForm.Empty());

    [HttpPost("new")]
    public Task<IActionResult> Create(ScenarioForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        int? id = null;
        return SubmitAsync(
            form,
            async () => (id = await mediator.Send(form.ToCommand(null), cancellationToken)) is not null,
            () => RedirectToAction(nameof(Show), new { id }),
            f => View("Form", f.Complete()));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var scenario = await mediator.Send(new GetScenario.Query(id), cancellationToken);
        return scenario is null ? NotFound() : View("Form", ScenarioForm.From(scenario));
    }

    [HttpPost("{id:int}/edit")]
    public Task<IActionResult> Edit(int id, ScenarioForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Id = id;
        return SubmitAsync(
            form,
            async () => await mediator.Send(form.ToCommand(id), cancellationToken) is not null,
            () => RedirectToAction(nameof(Show), new { id }),
            f => View("Form", f.Complete()),
            (f, version) => f.WithVersion(version));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, [FromQuery] GetScenarioReport.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var report = await mediator.Send(query with { ScenarioId = id }, cancellationToken);
        return report is null ? NotFound() : View(report);
    }

    /// <summary>The scenario's limits, groups or breaching stages as CSV, Excel or JSON, with the report's filters.</summary>
    [HttpGet("{id:int}/{table:regex(^(limits|groups|stages)$)}.{format:regex(^(csv|xlsx|json)$)}")]
    public async Task<IActionResult> Export(int id, string table, string format, [FromQuery] ExportScenarioBreaches.Query query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = await mediator.Send(query with { ScenarioId = id }, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        var export = table switch
        {
            "limits" => AnalysisTables.Limits(result.Report),
            "groups" => AnalysisTables.Groups(result.Report),
            _ => AnalysisTables.Breaches(result),
        };
        await ExportResponses.WriteAsync(Response, format, ReportTables.FileName(export.Name + "-" + id, result.Report.Filters, result.Report.GeneratedAtUtc, format), export, cancellationToken);
        return new EmptyResult();
    }
}

/// <summary>The scenario form: one row per stage kind (an empty amount means no limit for it), and an optional overall cap.</summary>
public sealed class ScenarioForm
{
    public int? Id { get; set; }

    public Guid Version { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public int? OverallCapMonths { get; set; }

    public List<LimitRow> Limits { get; set; } = [];

    public static IReadOnlyList<StageKind> Kinds { get; } = Enum.GetValues<StageKind>();

    public static ScenarioForm Empty() => new ScenarioForm().Complete();

    public static ScenarioForm From(GetScenario.Result scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioForm
        {
            Id = scenario.Id,
            Version = scenario.Version,
            Name = scenario.Name,
            Description = scenario.Description,
            OverallCapMonths = scenario.OverallCapMonths,
            Limits = [.. scenario.Limits.Select(l => new LimitRow { Kind = l.Kind, Amount = l.Amount, Unit = l.Unit })],
        }.Complete();
    }

    /// <summary>Adds an empty row for every stage kind the form does not have, in the list's order.</summary>
    public ScenarioForm Complete()
    {
        Limits = [.. Kinds.Select(k => Limits.FirstOrDefault(l => l.Kind == k) ?? new LimitRow { Kind = k, Unit = LimitUnit.Months })];
        return this;
    }

    public ScenarioForm WithVersion(Guid version)
    {
        Version = version;
        return Complete();
    }

    public SaveScenario.Command ToCommand(int? id) => new()
    {
        Id = id,
        Version = Version,
        Name = Name,
        Description = Description,
        OverallCapMonths = OverallCapMonths,
        Limits = [.. Limits.Select(l => new SaveScenario.LimitInput { Kind = l.Kind, Amount = l.Amount, Unit = l.Unit })],
    };

    public sealed class LimitRow
    {
        public StageKind Kind { get; set; }

        public int? Amount { get; set; }

        public LimitUnit? Unit { get; set; }
    }
}
