using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class StagePauseConfiguration : IEntityTypeConfiguration<StagePause>
{
    public void Configure(EntityTypeBuilder<StagePause> builder)
    {
        builder.ToTable("StagePauses");
        builder.Property(p => p.Reason).HasMaxLength(TextLimits.Reason).IsRequired();
        builder.Ignore(p => p.IsOpen);
        builder.HasIndex(p => new { p.StageId, p.From });
    }
}

internal sealed class StageExtensionConfiguration : IEntityTypeConfiguration<StageExtension>
{
    public void Configure(EntityTypeBuilder<StageExtension> builder)
    {
        builder.ToTable("StageExtensions");
        builder.Property(e => e.Reason).HasMaxLength(TextLimits.Reason).IsRequired();
        builder.Property(e => e.NewUnit).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.HasIndex(e => new { e.StageId, e.GrantedOn });
    }
}
