using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class LegalRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Officers_CaseId_Cipher",
                table: "Officers");

            migrationBuilder.AddColumn<string>(
                name: "OutcomeType",
                table: "Stages",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AlterColumn<string>(
                name: "Cipher",
                table: "Officers",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnonymityOrderLiftedOn",
                table: "Officers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnonymityOrderMadeOn",
                table: "Officers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnonymityOrderVariedOn",
                table: "Officers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NameIsPublic",
                table: "Officers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Officers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "Cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpectedOn",
                table: "Cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Jurisdiction",
                table: "Cases",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "EnglandAndWales");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Cases",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Open");

            migrationBuilder.AddColumn<string>(
                name: "StatusNote",
                table: "Cases",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Officers_CaseId_Cipher",
                table: "Officers",
                columns: new[] { "CaseId", "Cipher" },
                unique: true,
                filter: "[Cipher] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ExpectedOn",
                table: "Cases",
                column: "ExpectedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Officers_CaseId_Cipher",
                table: "Officers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ExpectedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OutcomeType",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "AnonymityOrderLiftedOn",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "AnonymityOrderMadeOn",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "AnonymityOrderVariedOn",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "NameIsPublic",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ExpectedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "StatusNote",
                table: "Cases");

            migrationBuilder.AlterColumn<string>(
                name: "Cipher",
                table: "Officers",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Officers_CaseId_Cipher",
                table: "Officers",
                columns: new[] { "CaseId", "Cipher" },
                unique: true);
        }
    }
}
