using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>One all-day event of a calendar feed: a due date or a report date.</summary>
/// <param name="Uid">Stable across polls, so a moved date updates the event instead of adding one.</param>
public sealed record FeedEvent(string Uid, DateOnly On, string Summary, string Description, string? Url);

/// <summary>Writes a feed as RFC 5545 text with Ical.Net.</summary>
public static class CalendarFeed
{
    public static string Write(IEnumerable<FeedEvent> events, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new Ical.Net.Calendar { ProductId = "-//AccountabilityTracker//Deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", "AccountabilityTracker deadlines");
        foreach (var e in events)
        {
            var item = new CalendarEvent
            {
                Uid = e.Uid,
                Summary = e.Summary,
                Description = e.Description,
                DtStart = new CalDateTime(e.On),
                DtEnd = new CalDateTime(e.On.AddDays(1)),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
                Transparency = TransparencyType.Transparent,
            };
            if (e.Url is not null)
            {
                item.Url = new Uri(e.Url, UriKind.RelativeOrAbsolute);
            }

            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static string DueUid(string subject) => "due-" + subject.Replace(':', '-') + "@accountabilitytracker";

    public static string ReportUid(string subject, DateOnly on) =>
        "report-" + subject.Replace(':', '-') + "-" + on.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "@accountabilitytracker";
}
