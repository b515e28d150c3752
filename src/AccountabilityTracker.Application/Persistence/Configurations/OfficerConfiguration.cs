using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> builder)
    {
        builder.ToTable("Officers");
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Property(o => o.Cipher).HasMaxLength(TextLimits.Cipher);
        builder.Property(o => o.Notes).HasMaxLength(TextLimits.Reason);
        builder.Property(o => o.RealName).HasMaxLength(TextLimits.PersonName);
        builder.HasIndex(o => new { o.CaseId, o.Cipher }).IsUnique();
        builder.HasIndex(o => o.Cipher);
    }
}
