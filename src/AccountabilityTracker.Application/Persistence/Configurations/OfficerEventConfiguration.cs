using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class OfficerEventConfiguration : IEntityTypeConfiguration<OfficerEvent>
{
    public void Configure(EntityTypeBuilder<OfficerEvent> builder)
    {
        builder.ToTable("OfficerEvents");
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(e => e.Precision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(e => e.EndPrecision).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        builder.Property(e => e.Notes).HasMaxLength(TextLimits.LongText);
        builder.Ignore(e => e.Date);
        builder.Ignore(e => e.End);
        builder.Ignore(e => e.IsOpenPeriod);
        builder.HasOne(e => e.Officer).WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CaseId, e.OccurredOn });

        // Reports of officer events (issue 16) read by kind across cases.
        builder.HasIndex(e => new { e.Kind, e.OccurredOn });
    }
}
