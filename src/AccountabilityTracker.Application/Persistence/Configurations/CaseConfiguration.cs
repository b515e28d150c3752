using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Reference).HasMaxLength(TextLimits.Reference).IsRequired();
        builder.Property(c => c.ExternalId).HasMaxLength(TextLimits.ExternalId);
        builder.Property(c => c.Title).HasMaxLength(TextLimits.Title).IsRequired();
        builder.Property(c => c.Subject).HasMaxLength(TextLimits.Subject).IsRequired();
        builder.Property(c => c.Location).HasMaxLength(TextLimits.Location).IsRequired();
        builder.Property(c => c.Force).HasMaxLength(TextLimits.Force).IsRequired();
        builder.Property(c => c.Summary).HasMaxLength(TextLimits.LongText);
        builder.Property(c => c.ConfidentialNotes).HasMaxLength(TextLimits.LongText);
        builder.Property(c => c.IncidentPrecision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(c => c.IncidentType).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(c => c.Harm).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(c => c.Jurisdiction).HasConversion<string>().HasMaxLength(TextLimits.EnumName).HasDefaultValue(Jurisdiction.EnglandAndWales).HasSentinel((Jurisdiction)0);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName).HasDefaultValue(CaseStatus.Open);
        builder.Property(c => c.StatusNote).HasMaxLength(TextLimits.Reason);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsOne(c => c.Clock, clock => clock.MapClock());
        builder.Navigation(c => c.Clock).IsRequired();
        builder.Ignore(c => c.IncidentDate);

        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => c.ExternalId).IsUnique();

        // The case list's sorts walk these indexes and stop after one page (archived cases are skipped on the way:
        // the filter is written NOT IsArchived, which an index on IsArchived would not serve).
        builder.HasIndex(c => c.IncidentOn);
        builder.HasIndex(c => c.Title);
        builder.HasIndex(c => new { c.Force, c.IncidentOn });

        // The Overdue page's stalled cases: waiting past their expected date (few rows carry one).
        builder.HasIndex(c => c.ExpectedOn);

        builder.HasMany(c => c.Stages).WithOne(s => s.Case).HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Milestones).WithOne(m => m.Case).HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Officers).WithOne(o => o.Case).HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.OfficerEvents).WithOne(e => e.Case).HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Sources).WithOne(s => s.Case).HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Stages).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Officers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.OfficerEvents).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
