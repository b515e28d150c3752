using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LimitRuleChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RuleKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    NewValue = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ChangedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitRuleChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LimitRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    StageKind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    IsEnabled = table.Column<bool>(type: "bit", nullable: false),
                    Amount = table.Column<int>(type: "int", nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Anchor = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    WarningPercent = table.Column<int>(type: "int", nullable: false),
                    FirstReportAfterMonths = table.Column<int>(type: "int", nullable: true),
                    ReportEveryMonths = table.Column<int>(type: "int", nullable: true),
                    LegalSource = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    IsStatutory = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageExtensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StageId = table.Column<int>(type: "int", nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NewAmount = table.Column<int>(type: "int", nullable: false),
                    NewUnit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageExtensions_Stages_StageId",
                        column: x => x.StageId,
                        principalTable: "Stages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StagePauses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StageId = table.Column<int>(type: "int", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StagePauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StagePauses_Stages_StageId",
                        column: x => x.StageId,
                        principalTable: "Stages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LimitRuleChanges_ChangedAtUtc",
                table: "LimitRuleChanges",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LimitRuleChanges_RuleKey_ChangedAtUtc",
                table: "LimitRuleChanges",
                columns: new[] { "RuleKey", "ChangedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitRules_Key",
                table: "LimitRules",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StageExtensions_StageId_GrantedOn",
                table: "StageExtensions",
                columns: new[] { "StageId", "GrantedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_StagePauses_StageId_From",
                table: "StagePauses",
                columns: new[] { "StageId", "From" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LimitRuleChanges");

            migrationBuilder.DropTable(
                name: "LimitRules");

            migrationBuilder.DropTable(
                name: "StageExtensions");

            migrationBuilder.DropTable(
                name: "StagePauses");
        }
    }
}
