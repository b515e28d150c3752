using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ToTable("Sources");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Url).HasMaxLength(TextLimits.Url).IsRequired();
        builder.Property(s => s.Publisher).HasMaxLength(TextLimits.Publisher);
        builder.Property(s => s.Quote).HasMaxLength(TextLimits.LongText);
        builder.HasIndex(s => s.CaseId);
    }
}
