using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountabilityTracker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyEverywhere : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Sources",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Officers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Milestones",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Milestones");
        }
    }
}
