using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RootId",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "report_drafts",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    BaseVersion = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<string>(type: "jsonb", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_drafts", x => new { x.ReportId, x.UserId });
                    table.ForeignKey(
                        name: "FK_report_drafts_progress_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "progress_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RootId_At",
                table: "audit_entries",
                columns: new[] { "RootId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_drafts");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_RootId_At",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "RootId",
                table: "audit_entries");
        }
    }
}
