using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LegalRecordEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Clock_Amount",
                table: "Milestones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ComputedOn",
                table: "Milestones",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueEarliest",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_DueLatest",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ExtensionGrantedOn",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalDaysOver",
                table: "Milestones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_FinalPossibleDaysOver",
                table: "Milestones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalPossibleStatus",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Clock_FinalStatus",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsApproximate",
                table: "Milestones",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Clock_IsPaused",
                table: "Milestones",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Clock_NotApplicableReason",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Clock_PausedDays",
                table: "Milestones",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Phase",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ReportsFrom",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Clock_Unit",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_ValidUntil",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnEarliest",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Clock_WarnLatest",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "Milestones",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<string>(
                name: "EventJurisdiction",
                table: "LimitRules",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromMilestone",
                table: "LimitRules",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToMilestone",
                table: "LimitRules",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OfficerEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Precision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndPrecision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsRemoved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficerEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficerEvents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfficerEvents_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Clock_Phase_Clock_DueLatest",
                table: "Milestones",
                columns: new[] { "Clock_Phase", "Clock_DueLatest" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Clock_Phase_Clock_WarnEarliest",
                table: "Milestones",
                columns: new[] { "Clock_Phase", "Clock_WarnEarliest" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Clock_ValidUntil",
                table: "Milestones",
                column: "Clock_ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_OfficerEvents_CaseId_OccurredOn",
                table: "OfficerEvents",
                columns: new[] { "CaseId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficerEvents_Kind_OccurredOn",
                table: "OfficerEvents",
                columns: new[] { "Kind", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficerEvents_OfficerId",
                table: "OfficerEvents",
                column: "OfficerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficerEvents");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Clock_Phase_Clock_DueLatest",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Clock_Phase_Clock_WarnEarliest",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Clock_ValidUntil",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_Amount",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_ComputedOn",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_DueEarliest",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_DueLatest",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_ExtensionGrantedOn",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_FinalDaysOver",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleDaysOver",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_FinalPossibleStatus",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_FinalStatus",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_IsApproximate",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_IsPaused",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_NotApplicableReason",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_PausedDays",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_Phase",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_ReportsFrom",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_Unit",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_ValidUntil",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_WarnEarliest",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Clock_WarnLatest",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "EventJurisdiction",
                table: "LimitRules");

            migrationBuilder.DropColumn(
                name: "FromMilestone",
                table: "LimitRules");

            migrationBuilder.DropColumn(
                name: "ToMilestone",
                table: "LimitRules");
        }
    }
}
