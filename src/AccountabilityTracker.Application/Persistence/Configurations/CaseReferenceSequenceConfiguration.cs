using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class CaseReferenceSequenceConfiguration : IEntityTypeConfiguration<CaseReferenceSequence>
{
    public void Configure(EntityTypeBuilder<CaseReferenceSequence> builder)
    {
        builder.ToTable(CaseReferences.TableName);
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
