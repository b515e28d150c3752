using AccountabilityTracker.Application.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.Property(j => j.FileName).HasMaxLength(ImportLimits.FileName).IsRequired();
        builder.Property(j => j.Format).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(j => j.RequestedBy).HasMaxLength(TextLimits.UserName).IsRequired();
        builder.Property(j => j.CommittedBy).HasMaxLength(TextLimits.UserName);
        builder.Property(j => j.FailureMessage).HasMaxLength(TextLimits.Reason);
        builder.Property(j => j.ClaimedBy).HasMaxLength(ImportLease.InstanceLength);
        builder.Ignore(j => j.IsFinished);

        // The worker looks for queued jobs at start-up; pages list the latest jobs.
        builder.HasIndex(j => j.Status);
        builder.HasIndex(j => j.CreatedAtUtc);
    }
}

internal sealed class ImportJobContentConfiguration : IEntityTypeConfiguration<ImportJobContent>
{
    public void Configure(EntityTypeBuilder<ImportJobContent> builder)
    {
        builder.ToTable("ImportJobContents");
        builder.HasKey(c => c.JobId);
        builder.Property(c => c.Content).IsRequired();
        builder.HasOne(c => c.Job).WithOne().HasForeignKey<ImportJobContent>(c => c.JobId).OnDelete(DeleteBehavior.Restrict);
    }
}
