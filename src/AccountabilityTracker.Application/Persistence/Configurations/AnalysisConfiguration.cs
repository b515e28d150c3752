using AccountabilityTracker.Domain.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class LimitScenarioConfiguration : IEntityTypeConfiguration<LimitScenario>
{
    public void Configure(EntityTypeBuilder<LimitScenario> builder)
    {
        builder.ToTable("LimitScenarios");
        builder.Property(s => s.Name).HasMaxLength(TextLimits.Title).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(TextLimits.LongText);
        builder.Property(s => s.CreatedBy).HasMaxLength(TextLimits.UserName).IsRequired();
        builder.Property(s => s.UpdatedBy).HasMaxLength(TextLimits.UserName).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasMany(s => s.Limits).WithOne().HasForeignKey(l => l.ScenarioId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Limits).HasField("_limits").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.IsArchived, s.Name });
    }
}

internal sealed class ScenarioLimitConfiguration : IEntityTypeConfiguration<ScenarioLimit>
{
    public void Configure(EntityTypeBuilder<ScenarioLimit> builder)
    {
        builder.ToTable("ScenarioLimits");
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(l => l.Unit).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Ignore(l => l.Terms);
        builder.HasIndex(l => new { l.ScenarioId, l.Kind }).IsUnique();
    }
}

internal sealed class ContextFigureConfiguration : IEntityTypeConfiguration<ContextFigure>
{
    public void Configure(EntityTypeBuilder<ContextFigure> builder)
    {
        builder.ToTable("ContextFigures");
        builder.Property(f => f.Area).HasMaxLength(TextLimits.Force).IsRequired();
        builder.Property(f => f.PeriodNote).HasMaxLength(TextLimits.Title);
        builder.Property(f => f.Measure).HasMaxLength(TextLimits.EnumName).IsRequired();
        builder.Property(f => f.Value).HasPrecision(18, 2);
        builder.Property(f => f.Qualifier).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(f => f.SourceUrl).HasMaxLength(TextLimits.Url).IsRequired();
        builder.Property(f => f.Publisher).HasMaxLength(TextLimits.Publisher);
        builder.Property(f => f.Published).HasMaxLength(TextLimits.EnumName);
        builder.Property(f => f.Wording).HasMaxLength(TextLimits.LongText).IsRequired();
        builder.Property(f => f.Note).HasMaxLength(TextLimits.LongText);
        builder.HasIndex(f => new { f.Area, f.Measure, f.YearEnding });
    }
}
