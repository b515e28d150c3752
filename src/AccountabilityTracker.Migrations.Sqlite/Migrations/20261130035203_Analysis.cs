using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Analysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContextFigures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    YearEnding = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PeriodNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Qualifier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Published = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Wording = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContextFigures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LimitScenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OverallCapMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitScenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioLimits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScenarioId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioLimits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioLimits_LimitScenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "LimitScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContextFigures_Area_Measure_YearEnding",
                table: "ContextFigures",
                columns: new[] { "Area", "Measure", "YearEnding" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitScenarios_IsArchived_Name",
                table: "LimitScenarios",
                columns: new[] { "IsArchived", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioLimits_ScenarioId_Kind",
                table: "ScenarioLimits",
                columns: new[] { "ScenarioId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContextFigures");

            migrationBuilder.DropTable(
                name: "ScenarioLimits");

            migrationBuilder.DropTable(
                name: "LimitScenarios");
        }
    }
}
