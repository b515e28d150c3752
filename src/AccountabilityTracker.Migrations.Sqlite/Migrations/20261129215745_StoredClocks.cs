using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoredClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Force",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_IsArchived_IncidentOn",
                table: "Cases");

            migrationBuilder.AddColumn<int>(
                name: "Clock_Amount",
                table: "Stages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ComputedOn",
                table: "Stages",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueEarliest",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueLatest",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ExtensionGrantedOn",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalDaysOver",
                table: "Stages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalPossibleDaysOver",
                table: "Stages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalPossibleStatus",
                table: "Stages",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalStatus",
                table: "Stages",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsApproximate",
                table: "Stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsPaused",
                table: "Stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Clock_NotApplicableReason",
                table: "Stages",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_PausedDays",
                table: "Stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Phase",
                table: "Stages",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ReportsFrom",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Unit",
                table: "Stages",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ValidUntil",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnEarliest",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnLatest",
                table: "Stages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_Amount",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ComputedOn",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueEarliest",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueLatest",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ExtensionGrantedOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalDaysOver",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalPossibleDaysOver",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalPossibleStatus",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalStatus",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsApproximate",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsPaused",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Clock_NotApplicableReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_PausedDays",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Phase",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "NotApplicable");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ReportsFrom",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Unit",
                table: "Cases",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ValidUntil",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnEarliest",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnLatest",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClockBases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockBases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataVersions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DataVersions",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Stages_Clock_Phase_Clock_DueLatest",
                table: "Stages",
                columns: new[] { "Clock_Phase", "Clock_DueLatest" });

            migrationBuilder.CreateIndex(
                name: "IX_Stages_Clock_Phase_Clock_WarnEarliest",
                table: "Stages",
                columns: new[] { "Clock_Phase", "Clock_WarnEarliest" });

            migrationBuilder.CreateIndex(
                name: "IX_Stages_Clock_ValidUntil",
                table: "Stages",
                column: "Clock_ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Clock_Phase_Clock_DueLatest",
                table: "Cases",
                columns: new[] { "Clock_Phase", "Clock_DueLatest" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Clock_Phase_Clock_WarnEarliest",
                table: "Cases",
                columns: new[] { "Clock_Phase", "Clock_WarnEarliest" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Clock_ValidUntil",
                table: "Cases",
                column: "Clock_ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Force_IncidentOn",
                table: "Cases",
                columns: new[] { "Force", "IncidentOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IncidentOn",
                table: "Cases",
                column: "IncidentOn");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Title",
                table: "Cases",
                column: "Title");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClockBases");

            migrationBuilder.DropTable(
                name: "DataVersions");

            migrationBuilder.DropIndex(
                name: "IX_Stages_Clock_Phase_Clock_DueLatest",
                table: "Stages");

            migrationBuilder.DropIndex(
                name: "IX_Stages_Clock_Phase_Clock_WarnEarliest",
                table: "Stages");

            migrationBuilder.DropIndex(
                name: "IX_Stages_Clock_ValidUntil",
                table: "Stages");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Clock_Phase_Clock_DueLatest",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Clock_Phase_Clock_WarnEarliest",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Clock_ValidUntil",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Force_IncidentOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_IncidentOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Title",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_Amount",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_ComputedOn",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_DueEarliest",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_DueLatest",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_ExtensionGrantedOn",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_FinalDaysOver",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleDaysOver",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleStatus",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_FinalStatus",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_IsApproximate",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_IsPaused",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_NotApplicableReason",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_PausedDays",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_Phase",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_ReportsFrom",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_Unit",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_ValidUntil",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_WarnEarliest",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_WarnLatest",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Clock_Amount",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_ComputedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_DueEarliest",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_DueLatest",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_ExtensionGrantedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_FinalDaysOver",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleDaysOver",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleStatus",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_FinalStatus",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_IsApproximate",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_IsPaused",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_NotApplicableReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_PausedDays",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_Phase",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_ReportsFrom",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_Unit",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_ValidUntil",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_WarnEarliest",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Clock_WarnLatest",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Force",
                table: "Cases",
                column: "Force");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IsArchived_IncidentOn",
                table: "Cases",
                columns: new[] { "IsArchived", "IncidentOn" });
        }
    }
}
