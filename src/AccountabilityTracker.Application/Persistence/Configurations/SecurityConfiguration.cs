using AccountabilityTracker.Application.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class SecurityAuditEntryConfiguration : IEntityTypeConfiguration<SecurityAuditEntry>
{
    public void Configure(EntityTypeBuilder<SecurityAuditEntry> builder)
    {
        builder.ToTable("SecurityAudit");
        builder.Property(e => e.EventType).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(e => e.Subject).HasMaxLength(TextLimits.Email).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(TextLimits.Email).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(TextLimits.LongText);
        builder.HasIndex(e => e.OccurredAtUtc);
    }
}

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.ToTable("SetupTokens");
        builder.Property(t => t.TokenHash).HasMaxLength(128).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Ignore(t => t.IsUsable);
    }
}

internal sealed class TrackerUserConfiguration : IEntityTypeConfiguration<TrackerUser>
{
    public void Configure(EntityTypeBuilder<TrackerUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(TextLimits.PersonName);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameLength).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Hint).HasMaxLength(16).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<TrackerUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
