using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("Stages");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(s => s.Label).HasMaxLength(TextLimits.Title).IsRequired();
        builder.Property(s => s.StartPrecision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(s => s.EndPrecision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(s => s.Outcome).HasMaxLength(TextLimits.LongText);
        builder.Property(s => s.Notes).HasMaxLength(TextLimits.LongText);
        builder.Property(s => s.OutcomeType).HasConversion<string>().HasMaxLength(TextLimits.EnumName).HasDefaultValue(OutcomeType.None);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.OwnsOne(s => s.Clock, clock => clock.MapClock());
        builder.Navigation(s => s.Clock).IsRequired();
        builder.Ignore(s => s.Start);
        builder.Ignore(s => s.End);
        builder.Ignore(s => s.IsRunning);

        // Timeline (by case, in date order) and reports/overdue (by kind, running or not).
        builder.HasIndex(s => new { s.CaseId, s.StartOn });
        builder.HasIndex(s => new { s.Kind, s.HasEnded });

        // The list's stage-kind filter asks, per case, "has it a stage of this kind?": with both columns in one index
        // that is one lookup, where the (Kind, HasEnded) index alone made SQLite scan every stage of the kind per case.
        builder.HasIndex(s => new { s.CaseId, s.Kind });

        builder.HasMany(s => s.Sources).WithOne(s => s.Stage).HasForeignKey(s => s.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Pauses).WithOne(p => p.Stage).HasForeignKey(p => p.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Pauses).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Extensions).WithOne(e => e.Stage).HasForeignKey(e => e.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Extensions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
