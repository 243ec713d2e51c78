using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignatureRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSigned",
                table: "progress_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RequiresSignatureFrom",
                table: "directives",
                type: "date",
                nullable: true);

            // Reports sent up with their leader's signature before the flag existed: the signature made with the last submission.
            migrationBuilder.Sql("""
                UPDATE progress_reports r SET "IsSigned" = true
                WHERE r."Status" IN ('Submitted', 'Accepted')
                  AND EXISTS (SELECT 1 FROM report_signatures s WHERE s."ReportId" = r."Id" AND s."Valid" AND s."CreatedAt" = r."LastSubmittedAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsSigned",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "RequiresSignatureFrom",
                table: "directives");
        }
    }
}
