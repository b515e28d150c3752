using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountabilityTracker.Application.Interchange;

/// <summary>
/// The JSON interchange format of cases: the shape of the project's reference-cases.json (snake_case).
/// Fields the reference file lacks (incident_type, harm, category, milestones) are optional extensions.
/// </summary>
public sealed class CaseFileEntry
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Subject { get; set; }

    public string? IncidentDate { get; set; }

    public string? IncidentDatePrecision { get; set; }

    public string? Location { get; set; }

    public string? Force { get; set; }

    public string? IncidentType { get; set; }

    public string? Harm { get; set; }

    public string? Category { get; set; }

    /// <summary>england_and_wales (the default), scotland or northern_ireland.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>open (the default), awaiting or closed.</summary>
    public string? Status { get; set; }

    /// <summary>Why the case was closed, or what it awaits.</summary>
    public string? StatusNote { get; set; }

    public string? ClosedOn { get; set; }

    public string? ExpectedOn { get; set; }

    public IList<string> OfficerDesignations { get; init; } = [];

    public IList<CaseFileOfficer> Officers { get; init; } = [];

    public IList<CaseFileStage> Stages { get; init; } = [];

    public IList<CaseFileMilestone> Milestones { get; init; } = [];

    /// <summary>What happened to the entry's officers: each names its officer by cipher (or, for one without a cipher, by name).</summary>
    public IList<CaseFileOfficerEvent> OfficerEvents { get; init; } = [];

    public IList<string> Sources { get; init; } = [];
}

public sealed class CaseFileStage
{
    public string? Kind { get; set; }

    public string? Label { get; set; }

    public string? StartDate { get; set; }

    public string? StartPrecision { get; set; }

    public string? EndDate { get; set; }

    public string? EndPrecision { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The outcome from the controlled list (e.g. Charged, Acquitted); classified from the text when left out.</summary>
    public string? OutcomeType { get; set; }

    public IList<CaseFileSource> Sources { get; init; } = [];
}

/// <summary>An officer as a structured record: a cipher, a name, or both.</summary>
public sealed class CaseFileOfficer
{
    public string? Cipher { get; set; }

    public string? Name { get; set; }

    /// <summary>public or restricted (the default when a name is given).</summary>
    public string? NameStatus { get; set; }

    public string? NamedOn { get; set; }

    public bool? AnonymityOrder { get; set; }

    public string? AnonymityOrderMadeOn { get; set; }

    public string? AnonymityOrderVariedOn { get; set; }

    public string? AnonymityOrderLiftedOn { get; set; }

    public string? Notes { get; set; }
}

public sealed class CaseFileMilestone
{
    public string? Label { get; set; }

    /// <summary>What the milestone is (PapersToChair, Decision, NationalReview…); left out, Other (untyped). In CSV: the kind column.</summary>
    public string? Type { get; set; }

    public string? Date { get; set; }

    public string? Precision { get; set; }

    public string? Notes { get; set; }

    public IList<CaseFileSource> Sources { get; init; } = [];
}

/// <summary>An officer event (arrested, charged, named…) or period (suspended, restricted_duties) with an optional end.</summary>
public sealed class CaseFileOfficerEvent
{
    /// <summary>The officer's cipher, or the name of an officer without one, as the entry's officers give it.</summary>
    public string? Officer { get; set; }

    /// <summary>Arrested, InterviewedUnderCaution, CriminalNoticeServed, MisconductNoticeServed, Charged, Suspended, RestrictedDuties, ReturnedToDuty or Named.</summary>
    public string? Kind { get; set; }

    public string? Date { get; set; }

    public string? Precision { get; set; }

    /// <summary>The end of a suspension or restricted duties; left out while it runs.</summary>
    public string? EndDate { get; set; }

    public string? EndPrecision { get; set; }

    public string? Notes { get; set; }
}

public sealed class CaseFileSource
{
    public string? Url { get; set; }

    public string? Publisher { get; set; }

    public string? Quote { get; set; }
}

public static class CaseFile
{
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static async Task<List<CaseFileEntry>> ReadAsync(Stream json, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<List<CaseFileEntry>>(json, SerializerOptions, cancellationToken) ?? [];
}
