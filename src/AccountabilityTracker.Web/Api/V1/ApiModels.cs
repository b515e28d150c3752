using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Domain.Statistics;

namespace AccountabilityTracker.Web.Api.V1;

// The API's own contract: stable JSON shapes mapped from the application results, so an internal refactor does not
// break a caller's script. Dates keep their precision: "2018-05" with precision Month is never 1 May 2018.

/// <summary>A date as precise as the record gives it: value "2022-09-05" (Day), "2018-05" (Month), "2019" (Year), or null (Unknown).</summary>
public sealed record ApiDate(string? Value, DatePrecision Precision, string Text)
{
    public static ApiDate From(PartialDate date) => new(date.IsKnown ? date.ToIsoString() : null, date.Precision, date.ToString());

    public static ApiDate? From(PartialDate? date) => date is { } known ? From(known) : null;
}

/// <summary>A duration in days; a range when a date is imprecise (<see cref="IsApproximate"/>).</summary>
public sealed record ApiDuration(int ShortestDays, int LongestDays, bool IsApproximate)
{
    public static ApiDuration? From(DayRange? range) => range is { } r ? new ApiDuration(r.Shortest, r.Longest, !r.IsExact) : null;
}

public sealed record ApiClock(
    ClockStatus Status,
    ClockStatus PossibleStatus,
    string StatusText,
    string Text,
    string? Limit,
    bool IsStatutory,
    string? LegalSource,
    DateOnly? DueDate,
    DateOnly? DueEarliest,
    bool IsApproximate,
    int? DaysOver,
    int? DaysRemaining,
    bool IsPaused,
    int PausedDays,
    string? ExtensionReason,
    DateOnly? ExtensionGrantedOn,
    DateOnly? NextReportDue)
{
    public static ApiClock From(ClockView clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(
            clock.Status, clock.PossibleStatus, clock.StatusText, clock.Text, clock.LimitText, clock.IsStatutory, clock.LegalSource, clock.DueDate,
            clock.DueEarliest, clock.IsApproximate, clock.DaysOver, clock.DaysRemaining, clock.IsPaused, clock.PausedDays, clock.ExtensionReason,
            clock.ExtensionGrantedOn, clock.NextReportDue);
    }
}

public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int PageCount);

public sealed record ApiCaseSummary(
    int Id,
    string Reference,
    string Title,
    string Subject,
    ApiDate IncidentDate,
    string Force,
    OperationCategory Category,
    int StageCount,
    int RunningStageCount,
    int OverdueStageCount,
    int ApproachingStageCount,
    ApiClock CaseClock)
{
    public static ApiPage<ApiCaseSummary> From(PagedResult<ListCases.Item> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(
            [.. page.Items.Select(i => new ApiCaseSummary(
                i.Id, i.Reference, i.Title, i.Subject, ApiDate.From(i.IncidentDate), i.Force, i.Category, i.StageCount, i.RunningStageCount,
                i.OverdueStageCount, i.ApproachingStageCount, ApiClock.From(i.CaseClock)))],
            page.Page,
            page.PageSize,
            page.TotalCount,
            page.PageCount);
    }
}

/// <summary>A source: <see cref="Id"/> and <see cref="Version"/> are what an edit (PUT …/sources/{id}) needs.</summary>
public sealed record ApiSource(string Url, string? Publisher, DateOnly? PublishedOn, string? Quote)
{
    public int Id { get; init; }

    public Guid Version { get; init; }
}

/// <summary>An officer: a cipher, a name, or both. A restricted name is null for roles that may not see restricted fields.</summary>
public sealed record ApiOfficer(
    string? Cipher,
    string? RealName,
    bool UnderAnonymityOrder,
    DateOnly? PubliclyNamedOn,
    bool NameIsPublic,
    string Designation,
    DateOnly? AnonymityOrderMadeOn,
    DateOnly? AnonymityOrderVariedOn,
    DateOnly? AnonymityOrderLiftedOn,
    string? Notes)
{
    /// <summary>The officer's id on this case: what an officer event names (<c>officerId</c>).</summary>
    public int Id { get; init; }

    /// <summary>The concurrency token to send back with an edit (PUT …/officers/{id}).</summary>
    public Guid Version { get; init; }
}

/// <summary>
/// An officer event (arrested, interviewed under caution, a notice served, charged, returned to duty, named) or period
/// (suspended, restricted duties: <see cref="IsRunning"/> while it has no end). <see cref="Officer"/> is the designation the
/// caller may see: a restricted name only for roles allowed it.
/// </summary>
public sealed record ApiOfficerEvent(
    int Id,
    int OfficerId,
    string Officer,
    OfficerEventKind Kind,
    string KindName,
    ApiDate Date,
    ApiDate? End,
    bool IsPeriod,
    bool IsRunning,
    ApiDuration? Duration,
    string? Notes);

/// <summary>The id of an officer event just recorded.</summary>
public sealed record ApiOfficerEventCreated(int Id);

public sealed record ApiStage(
    int Id,
    StageKind Kind,
    string KindName,
    string Label,
    ApiDate Start,
    ApiDate? End,
    bool IsRunning,
    ApiDuration? Duration,
    string? Outcome,
    IReadOnlyList<ApiSource> Sources,
    ApiClock? Clock)
{
    /// <summary>The concurrency token to send back with an edit or a stage action (close, pause, resume, extend).</summary>
    public Guid Version { get; init; }

    /// <summary>running, ended, or ended_date_unknown.</summary>
    public string EndState { get; init; } = "running";

    /// <summary>The outcome from the controlled list (None when no outcome is recorded, Unclassified for text not yet classified).</summary>
    public OutcomeType OutcomeType { get; init; }
}

public sealed record ApiMilestone(int Id, string Label, ApiDate Date, string? Notes, IReadOnlyList<ApiSource> Sources)
{
    /// <summary>The concurrency token to send back with an edit (PUT …/milestones/{id}).</summary>
    public Guid Version { get; init; }

    /// <summary>What the milestone is (Other when untyped); national-context types are not proceedings of the case.</summary>
    public MilestoneType Type { get; init; }

    /// <summary>The event-to-event clock that runs from this milestone (e.g. papers to chair → pre-hearing), or null.</summary>
    public ApiClock? Clock { get; init; }
}

/// <summary>
/// A case with its officers, stages (each with its clock), milestones and sources. Restricted fields are null for roles
/// that may not see them. <see cref="Version"/> is the concurrency token to send back with an edit (PUT).
/// </summary>
public sealed record ApiCase(
    int Id,
    string Reference,
    string Title,
    string Subject,
    ApiDate IncidentDate,
    TimeOnly? IncidentTime,
    string Location,
    string Force,
    IncidentType IncidentType,
    Harm Harm,
    OperationCategory Category,
    string? Summary,
    string? ConfidentialNotes,
    bool IsArchived,
    IReadOnlyList<ApiOfficer> Officers,
    IReadOnlyList<ApiStage> Stages,
    IReadOnlyList<ApiMilestone> Milestones,
    IReadOnlyList<ApiSource> Sources,
    ApiClock CaseClock,
    Guid Version)
{
    public Jurisdiction Jurisdiction { get; init; }

    public CaseStatus Status { get; init; }

    public string StatusText { get; init; } = "Open";

    /// <summary>What happened to each officer, in date order.</summary>
    public IReadOnlyList<ApiOfficerEvent> OfficerEvents { get; init; } = [];

    public static ApiCase From(GetCaseDetails.Result details)
    {
        ArgumentNullException.ThrowIfNull(details);
        static List<ApiSource> Sources(IEnumerable<GetCaseDetails.SourceView> sources) =>
            [.. sources.Select(s => new ApiSource(s.Url, s.Publisher, s.PublishedOn, s.Quote) { Id = s.Id, Version = s.Version })];

        return new(
            details.Id, details.Reference, details.Title, details.Subject, ApiDate.From(details.IncidentDate), details.IncidentTime, details.Location,
            details.Force, details.IncidentType, details.Harm, details.Category, details.Summary, details.ConfidentialNotes, details.IsArchived,
            [.. details.Officers.Select(o => new ApiOfficer(o.Cipher, o.RealName, o.UnderAnonymityOrder, o.PubliclyNamedOn, o.NameIsPublic, o.Designation, o.AnonymityOrderMadeOn, o.AnonymityOrderVariedOn, o.AnonymityOrderLiftedOn, o.Notes) { Id = o.Id, Version = o.Version })],
            [.. details.Timeline.Where(e => e.Type == GetCaseDetails.EntryType.Stage).Select(e => new ApiStage(
                e.Id, e.Kind ?? StageKind.Other, e.KindName, e.Label, ApiDate.From(e.Start), ApiDate.From(e.End), e.IsRunning, ApiDuration.From(e.Duration),
                e.Outcome, Sources(e.Sources), e.Clock is null ? null : ApiClock.From(e.Clock))
            {
                EndState = e.IsRunning ? "running" : e.EndedDateUnknown ? "ended_date_unknown" : "ended",
                OutcomeType = e.OutcomeType,
                Version = e.Version,
            })],
            [.. details.Timeline.Where(e => e.Type == GetCaseDetails.EntryType.Milestone).Select(e => new ApiMilestone(
                e.Id, e.Label, ApiDate.From(e.Start), e.Outcome, Sources(e.Sources))
            {
                Version = e.Version,
                Type = e.MilestoneType,
                Clock = e.Clock is null ? null : ApiClock.From(e.Clock),
            })],
            Sources(details.CaseSources),
            ApiClock.From(details.CaseClock),
            details.Version)
        {
            Jurisdiction = details.Jurisdiction,
            Status = details.Status,
            StatusText = details.StatusText,
            OfficerEvents = [.. details.OfficerEvents.Select(e => new ApiOfficerEvent(
                e.Id, e.OfficerId, e.OfficerDesignation, e.Kind, e.KindName, ApiDate.From(e.Date), ApiDate.From(e.End), e.IsPeriod, e.IsRunning,
                ApiDuration.From(e.Duration), e.Notes))],
        };
    }
}

public sealed record ApiOverdueItem(int CaseId, string CaseReference, string CaseTitle, string Force, OperationCategory Category, int? StageId, StageKind? Kind, string ClockName, string Label, ApiDate Start, ApiClock Clock);

public sealed record ApiOverdue(ApiPage<ApiOverdueItem> Page, int OverdueCount, int ApproachingCount, DateOnly Today)
{
    /// <summary>Cases waiting past the expected date of their next step with no stage running.</summary>
    public IReadOnlyList<ListOverdue.StalledCase> Stalled { get; init; } = [];

    public int StalledCount { get; init; }

    public static ApiOverdue From(ListOverdue.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var page = result.Page;
        return new(
            new ApiPage<ApiOverdueItem>(
                [.. page.Items.Select(i => new ApiOverdueItem(i.CaseId, i.CaseReference, i.CaseTitle, i.Force, i.Category, i.StageId, i.Kind, i.ClockName, i.Label, ApiDate.From(i.Start), ApiClock.From(i.Clock)))],
                page.Page,
                page.PageSize,
                page.TotalCount,
                page.PageCount),
            result.OverdueCount,
            result.ApproachingCount,
            result.Today)
        {
            Stalled = result.Stalled,
            StalledCount = result.StalledCount,
        };
    }
}

public sealed record ApiPause(DateOnly From, DateOnly? To, string Reason);

public sealed record ApiExtension(DateOnly GrantedOn, string NewLimit, string Reason);

public sealed record ApiStageClock(int CaseId, string CaseReference, int StageId, StageKind Kind, string Label, ApiDate Start, ApiDate? End, ApiClock Clock, IReadOnlyList<ApiPause> Pauses, IReadOnlyList<ApiExtension> Extensions)
{
    public static ApiStageClock From(GetStageClock.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.CaseId, result.CaseReference, result.StageId, result.Kind, result.Label, ApiDate.From(result.Start), ApiDate.From(result.End), ApiClock.From(result.Clock),
            [.. result.Pauses.Select(p => new ApiPause(p.From, p.To, p.Reason))],
            [.. result.Extensions.Select(e => new ApiExtension(e.GrantedOn, e.NewLimit, e.Reason))]);
    }
}

/// <summary>An import job: its status, progress and report (what the dry run found, then what the import did).</summary>
public sealed record ApiImportJob(
    int Id,
    string FileName,
    ImportFormat Format,
    long SizeBytes,
    ImportJobStatus Status,
    bool IsRunning,
    bool CanConfirm,
    int ProcessedCount,
    int TotalCount,
    int Percent,
    string RequestedBy,
    DateTime CreatedAtUtc,
    DateTime? CheckedAtUtc,
    DateTime? CompletedAtUtc,
    string? FailureMessage,
    ImportReport? Report)
{
    public static ApiImportJob From(GetImportJob.Result job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id, job.FileName, job.Format, job.SizeBytes, job.Status, job.IsRunning, job.CanConfirm, job.ProcessedCount, job.TotalCount, job.Percent,
            job.RequestedBy, job.CreatedAtUtc, job.CheckedAtUtc, job.CompletedAtUtc, job.FailureMessage, job.Report);
    }
}

/// <summary>The job was queued: read <see cref="StatusUrl"/> until it is no longer running.</summary>
public sealed record ApiImportAccepted(int Id, ImportJobStatus Status, string StatusUrl);

/// <summary>
/// A case's particulars as a caller sends them to create a case (POST) or replace them (PUT, with <see cref="ApiCaseEdit.Version"/>).
/// Only these fields are read: an id, reference or timestamp in the body is ignored. The rules are the case form's
/// (<see cref="CaseFieldsRules"/>): title, subject, incident date, location, force, incident type and harm are required.
/// </summary>
public record ApiCaseInput
{
    public string? Title { get; init; }

    /// <summary>The subject's name as published, or "not published".</summary>
    public string? Subject { get; init; }

    /// <summary>"2022-09-05", "2018-05" or "2019", agreeing with <see cref="IncidentPrecision"/>.</summary>
    public string? IncidentDate { get; init; }

    /// <summary>Day, Month or Year; Day when left out.</summary>
    public DatePrecision? IncidentPrecision { get; init; } = DatePrecision.Day;

    /// <summary>"HH:mm", only with a day-precision date.</summary>
    public string? IncidentTime { get; init; }

    public string? Location { get; init; }

    /// <summary>A force's name as the case list shows it, e.g. "Kent Police".</summary>
    public string? Force { get; init; }

    public IncidentType? IncidentType { get; init; }

    public Harm? Harm { get; init; }

    /// <summary>NotKnown when left out.</summary>
    public OperationCategory? Category { get; init; } = OperationCategory.NotKnown;

    /// <summary>EnglandAndWales when left out; Scotland or NorthernIreland otherwise (the force must be one of its forces).</summary>
    public Jurisdiction? Jurisdiction { get; init; } = Domain.Cases.Jurisdiction.EnglandAndWales;

    public string? Summary { get; init; }

    /// <summary>Restricted (Administrators and Caseworkers, the only roles that may write cases).</summary>
    public string? ConfidentialNotes { get; init; }

    /// <summary>Copies these fields, and nothing else, onto a use case's command.</summary>
    public TCommand ToCommand<TCommand>(TCommand command)
        where TCommand : CaseFields
    {
        ArgumentNullException.ThrowIfNull(command);
        return (TCommand)((CaseFields)command with
        {
            Title = Title,
            Subject = Subject,
            IncidentDate = IncidentDate,
            IncidentPrecision = IncidentPrecision,
            IncidentTime = IncidentTime,
            Location = Location,
            Force = Force,
            IncidentType = IncidentType,
            Harm = Harm,
            Category = Category,
            Jurisdiction = Jurisdiction,
            Summary = Summary,
            ConfidentialNotes = ConfidentialNotes,
        });
    }
}

/// <summary>An edit replaces every particular; <see cref="Version"/> is the case's version as last read (GET /api/v1/cases/{id}).</summary>
public sealed record ApiCaseEdit : ApiCaseInput
{
    public Guid Version { get; init; }
}

/// <summary>The case was created: read it at <see cref="Url"/>.</summary>
public sealed record ApiCaseCreated(int Id, string Reference, string Url);

/// <summary>Duration figures of one group, in days. Percentiles interpolate linearly (Excel's PERCENTILE.INC).</summary>
public sealed record ApiDurationGroup(
    string Key,
    int Stages,
    int WithDuration,
    double? MedianDays,
    double? LowerQuartileDays,
    double? UpperQuartileDays,
    double? Percentile90Days,
    double? MeanDays,
    double? MaximumDays,
    int ApproximateDurations,
    int UnknownDates,
    int Running,
    int WithLimit,
    int PastLimit,
    double? PastLimitShare,
    int NotAssessed)
{
    public static ApiDurationGroup From(GetDurationReport.Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        DurationSummary d = group.Durations;
        return new(
            group.Key, group.Stages, d.Count, d.Median, d.LowerQuartile, d.UpperQuartile, d.Percentile90, d.Mean, d.Maximum,
            group.ApproximateDurations, group.UnknownDates, group.Running, group.WithLimit, group.PastLimit, group.PastLimitShare, group.NotAssessed);
    }
}

/// <summary>The duration report: the figures per chosen group, per incident year (the trend) and for all stages together.</summary>
public sealed record ApiDurationReport(
    string Filters,
    DateTime GeneratedAtUtc,
    ReportGrouping GroupBy,
    IReadOnlyList<ApiDurationGroup> Groups,
    IReadOnlyList<ApiDurationGroup> ByIncidentYear,
    ApiDurationGroup Total)
{
    public static ApiDurationReport From(GetDurationReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Filters, report.GeneratedAtUtc, report.GroupBy,
            [.. report.Groups.Select(ApiDurationGroup.From)],
            [.. report.ByIncidentYear.Select(ApiDurationGroup.From)],
            ApiDurationGroup.From(report.Total));
    }
}
