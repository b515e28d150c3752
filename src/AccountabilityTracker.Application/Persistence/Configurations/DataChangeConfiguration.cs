using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountabilityTracker.Application.Persistence.Configurations;

internal sealed class DataChangeConfiguration : IEntityTypeConfiguration<DataChange>
{
    public void Configure(EntityTypeBuilder<DataChange> builder)
    {
        builder.ToTable(DataVersion.TableName);
        builder.HasKey(c => c.Id);

        // Ids from the database's generator, in increasing order of insertion (DataVersion says why that matters).
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
    }
}
