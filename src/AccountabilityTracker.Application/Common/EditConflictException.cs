using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Someone else saved the same record after the user read it, in a way that cannot be combined with the user's change,
/// so nothing was saved. The errors say what differs; <see cref="CurrentVersion"/> is the version stored now, and
/// <see cref="Resolved"/> (when the request was a form) is the form to show again: the other person's values in every
/// field this user did not change, this user's in the rest, the stored value in a field both changed.
/// </summary>
public sealed class EditConflictException : RequestValidationException
{
    public const string RacedMessage =
        "Someone else changed this record at the same moment, so nothing was saved. Open it again to see what is stored now, then redo your change if it is still needed.";

    private static readonly JsonSerializerOptions CurrentJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public EditConflictException(IReadOnlyDictionary<string, string[]> errors, Guid currentVersion, object? resolved = null, object? current = null)
        : base(errors)
    {
        CurrentVersion = currentVersion;
        Resolved = resolved;
        Current = current is null ? null : Snapshot(current);
    }

    public EditConflictException()
    {
    }

    public EditConflictException(string message)
        : base(message)
    {
    }

    public EditConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid CurrentVersion { get; }

    /// <summary>The form to show again, or null to show the user's own values.</summary>
    public object? Resolved { get; }

    /// <summary>The record as stored now (its fields and version), for a caller that cannot see a form (the API's 409); null when unknown.</summary>
    public JsonObject? Current { get; }

    /// <summary>
    /// A caller that says which version of the record it read (the API) acts on that version or not at all: when someone
    /// has saved the record since, nothing is saved and the refusal carries the record as stored now. A form of an action
    /// that simply applies again to what is stored (a pause, an extension) sends no version (null).
    /// </summary>
    public static void RequireVersion(Guid? read, Guid stored, string what, object current)
    {
        if (read is { } version && version != stored)
        {
            throw new EditConflictException(
                new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [string.Empty] =
                    [
                        $"Someone else saved changes to this {what} after you read it, so nothing was saved. "
                        + "What is stored now comes with this answer; read it, then redo your change if it is still needed.",
                    ],
                },
                stored,
                current: current);
        }
    }

    /// <summary>
    /// The refusal of a stale stage action form (closing, a hearing): a message for the whole form, and beside each field
    /// whose stored value differs from the user's, the value stored now.
    /// </summary>
    public static EditConflictException Describe(string what, Guid currentVersion, IEnumerable<(string Field, string? Stored, string? Yours)> fields, object? current = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [string.Empty] =
            [
                $"Someone else saved changes to this {what} after you opened it, so your changes were not saved. "
                + "What is stored now is shown beside each field that differs from yours. Check it, then save again to keep your values, or cancel.",
            ],
        };
        foreach (var (field, stored, yours) in fields)
        {
            if (!string.Equals(Normalise(stored), Normalise(yours), StringComparison.Ordinal))
            {
                errors[field] = [$"Stored now: {(string.IsNullOrWhiteSpace(stored) ? "(empty)" : "“" + stored.Trim() + "”")}."];
            }
        }

        return new EditConflictException(errors, currentVersion, current: current);
    }

    /// <summary>The shared refusal of a write that lost a race and could not be retried (see ConcurrencyBehaviour).</summary>
    public static EditConflictException Raced() =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [string.Empty] = [RacedMessage] }, Guid.Empty);

    /// <summary>A record's fields as JSON, without a form's snapshot of what it opened with.</summary>
    private static JsonObject Snapshot(object current)
    {
        var json = JsonSerializer.SerializeToNode(current, current.GetType(), CurrentJson) as JsonObject ?? [];
        json.Remove("opened");
        return json;
    }

    private static string Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim();
}
