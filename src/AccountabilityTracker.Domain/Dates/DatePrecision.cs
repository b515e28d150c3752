namespace AccountabilityTracker.Domain.Dates;

/// <summary>How much of a date the public record gives. Ordered from least to most precise.</summary>
public enum DatePrecision
{
    /// <summary>The record gives no date at all (e.g. an investigation whose start was never published).</summary>
    Unknown = 0,
    Year = 1,
    Month = 2,
    Day = 3,
}
