using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>A labelled text input (or text area) with its hint and its error beside it, rendered by _TextField.</summary>
public sealed record TextField(string Name, string Label, string? Value, int MaxLength)
{
    public string? Hint { get; init; }

    public bool Required { get; init; }

    public bool Multiline { get; init; }

    public string Type { get; init; } = "text";

    public string? InputMode { get; init; }

    public string? Autocomplete { get; init; } = "off";

    public string? CssClass { get; init; }
}

/// <summary>A labelled select with its error beside it, rendered by _SelectField.</summary>
public sealed record SelectField(string Name, string Label, string? Selected, IReadOnlyList<(string Value, string Text)> Options)
{
    public string? Hint { get; init; }

    public bool Required { get; init; }

    /// <summary>Text of a first, empty option ("Choose…"), or null for none.</summary>
    public string? Placeholder { get; init; }
}

/// <summary>A date typed as ISO text ("2022-09-05", "2018-05", "2019") with its precision, or picked; rendered by _DateField.</summary>
public sealed record DateField(string Name, string PrecisionName, string Label, string? Text, DatePrecision? Precision)
{
    public bool Required { get; init; }

    public string? Hint { get; init; }

    public static IReadOnlyList<(string Value, string Text)> Precisions { get; } =
        [.. new[] { DatePrecision.Day, DatePrecision.Month, DatePrecision.Year, DatePrecision.Unknown }.Select(p => (p.ToString(), Infrastructure.DisplayNames.Of(p)))];
}
