using AccountabilityTracker.Application.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class ClockBasisConfiguration : IEntityTypeConfiguration<ClockBasis>
{
    public void Configure(EntityTypeBuilder<ClockBasis> builder)
    {
        builder.ToTable("ClockBases");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Value).HasMaxLength(ClockBasis.MaxLength).IsRequired();

        // Always there, so the first start-up has a row to lock too (two instances starting on a new database).
        builder.HasData(new { Id = ClockBasis.SingletonId, Value = ClockBasis.None, RecordedAtUtc = DateTime.UnixEpoch });
    }
}
