using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class StageDurations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DurationDays",
                table: "Stages",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MonthsBeforeEnd",
                table: "Stages",
                type: "integer",
                nullable: true);

            // Existing stages get the durations the entity now stores (Stage.SetDates, StageSpan.MonthsBeforeEnd:
            // calendar months between the days, less one unless the end's day of the month is after the start's).
            migrationBuilder.Sql(@"
UPDATE ""Stages"" SET
    ""DurationDays"" = ""EndOn"" - ""StartOn"",
    ""MonthsBeforeEnd"" = EXTRACT(YEAR FROM ""EndOn"")::int * 12 + EXTRACT(MONTH FROM ""EndOn"")::int
        - EXTRACT(YEAR FROM ""StartOn"")::int * 12 - EXTRACT(MONTH FROM ""StartOn"")::int
        - CASE WHEN EXTRACT(DAY FROM ""EndOn"") > EXTRACT(DAY FROM ""StartOn"") THEN 0 ELSE 1 END
WHERE ""HasEnded"" AND ""StartPrecision"" = 'Day' AND ""EndPrecision"" = 'Day' AND ""StartOn"" IS NOT NULL AND ""EndOn"" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DurationDays",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "MonthsBeforeEnd",
                table: "Stages");
        }
    }
}
