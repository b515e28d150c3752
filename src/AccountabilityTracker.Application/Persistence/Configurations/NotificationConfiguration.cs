using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class CaseFollowConfiguration : IEntityTypeConfiguration<CaseFollow>
{
    public void Configure(EntityTypeBuilder<CaseFollow> builder)
    {
        builder.ToTable("CaseFollows");
        builder.Property(f => f.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(f => new { f.UserId, f.CaseId }).IsUnique();
        builder.HasIndex(f => f.CaseId);
        builder.Ignore(f => f.IsActive);
        builder.HasOne<TrackerUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(n => n.Subject).HasMaxLength(Notification.SubjectLength).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(Notification.TextLength).IsRequired();

        // The idempotence of the notification job: one notification per recipient, kind, subject and date concerned.
        builder.HasIndex(n => new { n.UserId, n.Kind, n.Subject, n.ConcernsOn }).IsUnique();

        // The bell's unread count and the newest-first list.
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.UserId, n.CreatedAtUtc });
        builder.HasOne<TrackerUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stage>().WithMany().HasForeignKey(n => n.StageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.ToTable("NotificationSettings");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.DigestEnabled, s.DigestHour });
        builder.HasOne<TrackerUser>().WithOne().HasForeignKey<NotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.ToTable("DigestDeliveries");
        builder.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(d => d.Summary).HasMaxLength(DigestDelivery.SummaryLength);
        builder.Property(d => d.LastError).HasMaxLength(DigestDelivery.ErrorLength);

        // Once a day per user, whichever run or instance claims it first.
        builder.HasIndex(d => new { d.UserId, d.Day }).IsUnique();
        builder.HasIndex(d => d.Day);
        builder.HasOne<TrackerUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> builder)
    {
        builder.ToTable("CalendarFeedTokens");
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<TrackerUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(JobLease.NameLength);
        builder.Property(l => l.Owner).HasMaxLength(JobLease.OwnerLength).IsRequired();
    }
}
