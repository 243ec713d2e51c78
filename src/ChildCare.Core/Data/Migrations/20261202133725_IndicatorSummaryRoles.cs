using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorSummaryRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "InSummaryAnnex",
                table: "indicators",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SummaryFigure",
                table: "indicators",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // 28-CT/TW's summary figures and annex, as its indicator list (indicators-28-CT-TW.csv) now says.
            migrationBuilder.Sql("""
                UPDATE indicators i SET "SummaryFigure" = v.figure, "InSummaryAnnex" = v.annex
                FROM (VALUES ('CT28-01', 'PlansIssued', true), ('CT28-02', 'MembersReached', false), ('CT28-03', 'Conferences', false),
                             ('CT28-04', 'Attendance', false), ('CT28-08', NULL, true), ('CT28-12', NULL, true), ('CT28-13', NULL, true),
                             ('CT28-14', NULL, true), ('CT28-15', NULL, true)) AS v(code, figure, annex),
                     directives d
                WHERE i."DirectiveId" = d."Id" AND d."Code" = '28-CT/TW' AND i."Code" = v.code;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InSummaryAnnex",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "SummaryFigure",
                table: "indicators");
        }
    }
}
