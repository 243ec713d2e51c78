using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentsAsPeers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Addressee",
                table: "directives",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImplementsCode",
                table: "directives",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImplementsId",
                table: "directives",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IssuerUnitId",
                table: "directives",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PreferredDirectiveId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_directives_ImplementsId",
                table: "directives",
                column: "ImplementsId");

            migrationBuilder.CreateIndex(
                name: "IX_directives_IssuerUnitId",
                table: "directives",
                column: "IssuerUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_directives_directives_ImplementsId",
                table: "directives",
                column: "ImplementsId",
                principalTable: "directives",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_directives_org_units_IssuerUnitId",
                table: "directives",
                column: "IssuerUnitId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Summaries of the documents already here were addressed to their issuer (the Politburo for 28-CT/TW).
            migrationBuilder.Sql("UPDATE directives SET \"Addressee\" = \"IssuingBody\" WHERE \"Addressee\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_directives_directives_ImplementsId",
                table: "directives");

            migrationBuilder.DropForeignKey(
                name: "FK_directives_org_units_IssuerUnitId",
                table: "directives");

            migrationBuilder.DropIndex(
                name: "IX_directives_ImplementsId",
                table: "directives");

            migrationBuilder.DropIndex(
                name: "IX_directives_IssuerUnitId",
                table: "directives");

            migrationBuilder.DropColumn(
                name: "Addressee",
                table: "directives");

            migrationBuilder.DropColumn(
                name: "ImplementsCode",
                table: "directives");

            migrationBuilder.DropColumn(
                name: "ImplementsId",
                table: "directives");

            migrationBuilder.DropColumn(
                name: "IssuerUnitId",
                table: "directives");

            migrationBuilder.DropColumn(
                name: "PreferredDirectiveId",
                table: "AspNetUsers");
        }
    }
}
