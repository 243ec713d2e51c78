using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectiveSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The received copy's text moves to its own row, word for word: nothing is lost.
            migrationBuilder.CreateTable(
                name: "directive_sources",
                columns: table => new
                {
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_sources", x => x.DirectiveId);
                    table.ForeignKey(
                        name: "FK_directive_sources_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO directive_sources ("DirectiveId", "Text")
                SELECT "Id", "SourceText" FROM directives WHERE "SourceText" IS NOT NULL AND "SourceText" <> '';
                """);

            migrationBuilder.DropColumn(
                name: "SourceText",
                table: "directives");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceText",
                table: "directives",
                type: "text",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE directives d SET "SourceText" = s."Text" FROM directive_sources s WHERE s."DirectiveId" = d."Id";
                """);

            migrationBuilder.DropTable(
                name: "directive_sources");
        }
    }
}
