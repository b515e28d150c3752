using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("Milestones");
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Property(m => m.Label).HasMaxLength(TextLimits.Title).IsRequired();
        builder.Property(m => m.Precision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(TextLimits.EnumName).HasDefaultValue(MilestoneType.Other);
        builder.OwnsOne(m => m.Clock, clock => clock.MapClock());
        builder.Navigation(m => m.Clock).IsRequired();
        builder.Property(m => m.Notes).HasMaxLength(TextLimits.LongText);
        builder.Ignore(m => m.Date);
        builder.HasIndex(m => new { m.CaseId, m.OccurredOn });
        builder.HasMany(m => m.Sources).WithOne(s => s.Milestone).HasForeignKey(s => s.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(m => m.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
