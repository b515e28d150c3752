using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// A command that edits a stored record: the version the user read, and (from a form) the values the form opened with,
/// so that a save made after someone else's can tell the user's changes from the other person's.
/// </summary>
public interface IVersionedEdit
{
    Guid Version { get; }

    /// <summary>The values the form opened with (<see cref="EditMerge.Snapshot{TFields}"/>); null from the API.</summary>
    string? Opened { get; }
}

/// <summary>
/// A write that may simply run again when it loses a race (see ConcurrencyBehaviour): it re-reads what is stored and
/// applies the user's intent to it under the same rules (a pause, an extension, archiving), or merges field by field
/// (<see cref="EditMerge"/>).
/// </summary>
#pragma warning disable CA1040 // A marker: the pipeline asks whether a request may be retried.
public interface IRetryOnConflict;
#pragma warning restore CA1040

/// <summary>
/// The one way a stale edit is met, for every editable record. Field by field, against the values the user opened:
/// a field only the other person changed keeps their value; a field only this user changed takes theirs; a field both
/// changed to different values is a conflict, shown with both values and never overwritten without an explicit choice.
/// Without conflicts the combined edit is saved; a conflict refuses the save with the combined form to show again.
/// </summary>
public static class EditMerge
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The compared fields of <typeparamref name="TFields"/>, as a hidden form field carries them.</summary>
    public static string Snapshot<TFields>(TFields fields)
    {
        var values = new JsonObject();
        foreach (var property in Fields<TFields>())
        {
            values[property.Name] = Value(property.GetValue(fields));
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(values.ToJsonString()));
    }

    /// <summary>
    /// Combines <paramref name="yours"/> (read at an older version) with <paramref name="stored"/> (as stored now). Returns
    /// the command to save, at the stored version; throws <see cref="EditConflictException"/> when both changed a field.
    /// </summary>
    public static TCommand Merge<TFields, TCommand>(TCommand yours, TCommand stored, string what, FluentValidation.IValidator<TCommand>? rules = null)
        where TCommand : TFields, IVersionedEdit
    {
        ArgumentNullException.ThrowIfNull(yours);
        ArgumentNullException.ThrowIfNull(stored);
        var opened = Read(yours.Opened);
        var merged = JsonSerializer.SerializeToNode(yours, Json)!.AsObject();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var property in Fields<TFields>())
        {
            var mine = Value(property.GetValue(yours));
            var theirs = Value(property.GetValue(stored));
            if (JsonNode.DeepEquals(mine, theirs))
            {
                continue;
            }

            var iChanged = opened is null || !JsonNode.DeepEquals(mine, opened[property.Name]);
            var theyChanged = opened is null || !JsonNode.DeepEquals(theirs, opened[property.Name]);
            if (!iChanged)
            {
                merged[property.Name] = JsonSerializer.SerializeToNode(property.GetValue(stored), property.PropertyType, Json);
            }
            else if (theyChanged)
            {
                merged[property.Name] = JsonSerializer.SerializeToNode(property.GetValue(stored), property.PropertyType, Json);
                errors[property.Name] = [$"Both of you changed this. Saved meanwhile by someone else (shown here): {Show(theirs)}. Yours: {Show(mine)}. Saving keeps theirs; to keep yours, enter it again."];
            }
        }

        merged[nameof(IVersionedEdit.Version)] = stored.Version;
        merged[nameof(IVersionedEdit.Opened)] = Snapshot<TFields>(stored);
        var result = merged.Deserialize<TCommand>(Json)!;

        // Two valid edits can combine into an invalid one (a time added to a date another made month-precise).
        foreach (var failure in rules?.Validate(result).Errors ?? [])
        {
            errors[failure.PropertyName] = [.. errors.GetValueOrDefault(failure.PropertyName, []), failure.ErrorMessage];
        }

        if (errors.Count > 0)
        {
            errors[string.Empty] =
            [
                $"Someone else saved this {what} after you opened it, so nothing was saved yet. Their changes and yours to different fields are combined below; "
                + "a field you both changed is marked with both values. Choose what to keep, then save.",
            ];
            throw new EditConflictException(errors, stored.Version, result, stored);
        }

        return result;
    }

    private static IEnumerable<PropertyInfo> Fields<TFields>() =>
        typeof(TFields).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name is not (nameof(IVersionedEdit.Version) or nameof(IVersionedEdit.Opened))).OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>A field's value as compared: text trimmed, empty text as no value.</summary>
    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text.Trim()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Json),
    };

    private static JsonObject? Read(string? snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(snapshot))) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Show(JsonNode? value) =>
        value is null ? "(empty)" : "“" + (value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()) + "”";
}
