namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// Where the chart's data comes from and how its axis reads: calendar dates (one case) or days from the incident
/// (a comparison). Rendered by Views/Shared/_TimelineChart.cshtml and drawn by wwwroot/js/timeline.js.
/// </summary>
public sealed record TimelineChartModel(string DataUrl, TimelineAxis Axis, string Heading);

public enum TimelineAxis
{
    Dates = 0,
    DaysFromIncident = 1,
}
