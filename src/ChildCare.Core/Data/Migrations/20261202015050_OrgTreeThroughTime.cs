using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildCare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrgTreeThroughTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_org_units_Code",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_units_Kind_Path",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_units_Path",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "Path",
                table: "org_units");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "org_unit_successions",
                newName: "Mapping");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "AncestorIds",
                table: "org_units",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<Guid>(
                name: "ReorganisationId",
                table: "org_unit_successions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Share",
                table: "org_unit_successions",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReportingLevels",
                table: "directives",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.CreateTable(
                name: "org_unit_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    ReorganisationId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_unit_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_org_unit_versions_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_org_unit_versions_org_units_ParentId",
                        column: x => x.ParentId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reorganisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rows = table.Column<string>(type: "jsonb", nullable: false),
                    Summary = table.Column<string>(type: "jsonb", nullable: true),
                    Undo = table.Column<string>(type: "jsonb", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppliedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevertedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SeedKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reorganisations", x => x.Id);
                });

            // Every existing unit becomes one version; its ancestors are read up the ParentId chain.
            migrationBuilder.Sql("""
                INSERT INTO org_unit_versions ("Id", "OrgUnitId", "ValidFrom", "ValidTo", "Code", "Name", "ShortName", "Kind", "ParentId", "Depth", "SearchText")
                SELECT gen_random_uuid(), "Id", "ValidFrom", "ValidTo", "Code", "Name", "ShortName", "Kind", "ParentId", "Depth", "SearchText" FROM org_units;
                WITH RECURSIVE up AS (
                    SELECT "Id" AS unit, "ParentId" AS ancestor FROM org_units WHERE "ParentId" IS NOT NULL
                    UNION
                    SELECT up.unit, o."ParentId" FROM up JOIN org_units o ON o."Id" = up.ancestor WHERE o."ParentId" IS NOT NULL)
                UPDATE org_units u SET "AncestorIds" = a.ids FROM (SELECT unit, array_agg(ancestor ORDER BY ancestor) AS ids FROM up GROUP BY unit) a
                WHERE u."Id" = a.unit;
                UPDATE org_unit_successions SET "Mapping" = CASE "Mapping" WHEN 'Split' THEN 'Part' ELSE 'Whole' END;
                -- org-units.csv listed Phường Bùi Thị Xuân (gone before 2021) where Quỳnh Lôi belongs (P01-D007-W04).
                UPDATE org_units SET "Name" = 'Đảng ủy phường Quỳnh Lôi', "ShortName" = 'Quỳnh Lôi', "SearchText" = 'dang uy phuong quynh loi quynh loi p01-d007-w04'
                WHERE "Code" = 'P01-D007-W04' AND "Name" LIKE '%Bùi Thị Xuân%';
                UPDATE org_unit_versions SET "Name" = 'Đảng ủy phường Quỳnh Lôi', "ShortName" = 'Quỳnh Lôi', "SearchText" = 'dang uy phuong quynh loi quynh loi p01-d007-w04'
                WHERE "Code" = 'P01-D007-W04' AND "Name" LIKE '%Bùi Thị Xuân%';
                -- Commune and ward committees report since the district level ended.
                UPDATE directives SET "ReportingUnitKinds" = array_append("ReportingUnitKinds", 'GrassrootsCommittee')
                WHERE 'DistrictCommittee' = ANY("ReportingUnitKinds") AND NOT 'GrassrootsCommittee' = ANY("ReportingUnitKinds");
                """);

            // A code is unique among the units valid on one day, and a unit's versions never overlap.
            // Deferred: a reorganisation closes the old P08 and opens the new one in one transaction.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                ALTER TABLE org_unit_versions ADD CONSTRAINT "EX_org_unit_versions_code_per_day"
                    EXCLUDE USING gist ("Code" WITH =, daterange("ValidFrom", "ValidTo", '[]') WITH &&) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE org_unit_versions ADD CONSTRAINT "EX_org_unit_versions_no_overlap"
                    EXCLUDE USING gist ("OrgUnitId" WITH =, daterange("ValidFrom", "ValidTo", '[]') WITH &&) DEFERRABLE INITIALLY DEFERRED;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_AncestorIds",
                table: "org_units",
                column: "AncestorIds")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_org_units_Code",
                table: "org_units",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_successions_ReorganisationId",
                table: "org_unit_successions",
                column: "ReorganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_versions_Code",
                table: "org_unit_versions",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_versions_OrgUnitId_ValidFrom",
                table: "org_unit_versions",
                columns: new[] { "OrgUnitId", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_versions_ParentId_Kind_ValidFrom_ValidTo",
                table: "org_unit_versions",
                columns: new[] { "ParentId", "Kind", "ValidFrom", "ValidTo" });

            migrationBuilder.CreateIndex(
                name: "IX_org_unit_versions_ReorganisationId",
                table: "org_unit_versions",
                column: "ReorganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_reorganisations_EffectiveOn",
                table: "reorganisations",
                column: "EffectiveOn");

            migrationBuilder.CreateIndex(
                name: "IX_reorganisations_SeedKey",
                table: "reorganisations",
                column: "SeedKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_unit_versions");

            migrationBuilder.DropTable(
                name: "reorganisations");

            migrationBuilder.DropIndex(
                name: "IX_org_units_AncestorIds",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_units_Code",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_unit_successions_ReorganisationId",
                table: "org_unit_successions");

            migrationBuilder.DropColumn(
                name: "AncestorIds",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "ReorganisationId",
                table: "org_unit_successions");

            migrationBuilder.DropColumn(
                name: "Share",
                table: "org_unit_successions");

            migrationBuilder.DropColumn(
                name: "ReportingLevels",
                table: "directives");

            migrationBuilder.RenameColumn(
                name: "Mapping",
                table: "org_unit_successions",
                newName: "Kind");

            migrationBuilder.AddColumn<string>(
                name: "Path",
                table: "org_units",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_org_units_Code",
                table: "org_units",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_Kind_Path",
                table: "org_units",
                columns: new[] { "Kind", "Path" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops", "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_org_units_Path",
                table: "org_units",
                column: "Path")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });
        }
    }
}
