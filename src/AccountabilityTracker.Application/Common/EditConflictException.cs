namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Someone else saved the same record after the user opened their form, so nothing was saved. The errors say, beside
/// each field, what is stored now; <see cref="CurrentVersion"/> lets the user save their values over it deliberately.
/// </summary>
public sealed class EditConflictException : RequestValidationException
{
    public EditConflictException(IReadOnlyDictionary<string, string[]> errors, Guid currentVersion)
        : base(errors)
    {
        CurrentVersion = currentVersion;
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

    /// <summary>
    /// Builds the refusal: a message for the whole form, and beside each field whose stored value differs from the user's,
    /// the value stored now.
    /// </summary>
    public static EditConflictException Describe(string what, Guid currentVersion, IEnumerable<(string Field, string? Stored, string? Yours)> fields)
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

        return new EditConflictException(errors, currentVersion);
    }

    private static string Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim();
}
