using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

/// <summary>
/// Maps a stored clock (<see cref="ClockRecord"/>) into its owner's table as "Clock_…" columns, with the indexes the
/// navigation count, the Overdue page and the clock-status filter use to compare due dates with today.
/// </summary>
internal static class ClockRecordMapping
{
    public static void MapClock<TOwner>(this OwnedNavigationBuilder<TOwner, ClockRecord> clock)
        where TOwner : class
    {
        clock.Property(c => c.Phase).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        clock.Property(c => c.NotApplicableReason).HasMaxLength(ClockRecord.ReasonMaxLength);
        clock.Property(c => c.Unit).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        clock.Property(c => c.FinalStatus).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        clock.Property(c => c.FinalPossibleStatus).HasConversion<string>().HasMaxLength(TextLimits.EnumName);

        // Running clocks by the day they start to warn (the navigation count and the Overdue page) and by due date
        // (the clock-status filter); records to compute again by the day they go stale.
        clock.HasIndex(c => new { c.Phase, c.WarnEarliest });
        clock.HasIndex(c => new { c.Phase, c.DueLatest });
        clock.HasIndex(c => c.ValidUntil);
    }
}
