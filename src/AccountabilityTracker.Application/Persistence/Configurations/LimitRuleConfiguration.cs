using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class LimitRuleConfiguration : IEntityTypeConfiguration<LimitRuleSetting>
{
    public void Configure(EntityTypeBuilder<LimitRuleSetting> builder)
    {
        builder.ToTable("LimitRules");
        builder.Property(r => r.Key).HasMaxLength(TextLimits.EnumName).IsRequired();
        builder.Property(r => r.StageKind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(r => r.FromMilestone).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(r => r.ToMilestone).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(r => r.EventJurisdiction).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Ignore(r => r.IsEventRule);
        builder.Ignore(r => r.IsWholeCase);
        builder.Property(r => r.Unit).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(r => r.Anchor).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(r => r.LegalSource).HasMaxLength(TextLimits.LegalSource).IsRequired();
        builder.Property(r => r.UpdatedBy).HasMaxLength(TextLimits.UserName).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.DisplayName);
        builder.Ignore(r => r.Values);
        builder.HasIndex(r => r.Key).IsUnique();
    }
}

internal sealed class LimitRuleChangeConfiguration : IEntityTypeConfiguration<LimitRuleChange>
{
    public void Configure(EntityTypeBuilder<LimitRuleChange> builder)
    {
        builder.ToTable("LimitRuleChanges");
        builder.Property(c => c.RuleKey).HasMaxLength(TextLimits.EnumName).IsRequired();
        builder.Property(c => c.Field).HasMaxLength(TextLimits.EnumName).IsRequired();
        builder.Property(c => c.OldValue).HasMaxLength(TextLimits.LegalSource);
        builder.Property(c => c.NewValue).HasMaxLength(TextLimits.LegalSource);
        builder.Property(c => c.ChangedBy).HasMaxLength(TextLimits.UserName).IsRequired();
        builder.HasIndex(c => c.ChangedAtUtc);
        builder.HasIndex(c => new { c.RuleKey, c.ChangedAtUtc });
    }
}
