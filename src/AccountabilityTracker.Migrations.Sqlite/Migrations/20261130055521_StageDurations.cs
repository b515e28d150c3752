using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MonthsBeforeEnd",
                table: "Stages",
                type: "INTEGER",
                nullable: true);

            // Existing stages get the durations the entity now stores (Stage.SetDates, StageSpan.MonthsBeforeEnd:
            // calendar months between the days, less one unless the end's day of the month is after the start's).
            migrationBuilder.Sql(@"
UPDATE Stages SET
    DurationDays = CAST(julianday(EndOn) - julianday(StartOn) AS INTEGER),
    MonthsBeforeEnd = CAST(substr(EndOn, 1, 4) AS INTEGER) * 12 + CAST(substr(EndOn, 6, 2) AS INTEGER)
        - CAST(substr(StartOn, 1, 4) AS INTEGER) * 12 - CAST(substr(StartOn, 6, 2) AS INTEGER)
        - CASE WHEN CAST(substr(EndOn, 9, 2) AS INTEGER) > CAST(substr(StartOn, 9, 2) AS INTEGER) THEN 0 ELSE 1 END
WHERE HasEnded = 1 AND StartPrecision = 'Day' AND EndPrecision = 'Day' AND StartOn IS NOT NULL AND EndOn IS NOT NULL;");
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
