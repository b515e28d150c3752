using AccountabilityTracker.Application.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class CaseHistoryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> builder)
    {
        builder.ToTable("CaseHistory");
        builder.Property(h => h.Part).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(h => h.Change).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(h => h.Field).HasMaxLength(TextLimits.EnumName).IsRequired();
        builder.Property(h => h.OldValue).HasMaxLength(TextLimits.LongText);
        builder.Property(h => h.NewValue).HasMaxLength(TextLimits.LongText);
        builder.Property(h => h.Actor).HasMaxLength(TextLimits.Email).IsRequired();

        // The History tab lists one case's entries, newest first.
        builder.HasIndex(h => new { h.CaseId, h.OccurredAtUtc });

        // Nothing is hard-deleted, so history keeps real keys to the record it describes.
        builder.HasOne(h => h.Case).WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Stage).WithMany().HasForeignKey(h => h.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Milestone).WithMany().HasForeignKey(h => h.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Officer).WithMany().HasForeignKey(h => h.OfficerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(h => h.Source).WithMany().HasForeignKey(h => h.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}
