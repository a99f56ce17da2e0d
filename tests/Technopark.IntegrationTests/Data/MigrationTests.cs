using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Technopark.Domain.Reporting;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Data;

public class MigrationTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndLeavesNoModelChange()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration.");
    }

    [Fact]
    public async Task Migrate_CreatesTheOfficeExclusionConstraint()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();

        var definition = await db.Database
            .SqlQuery<string>($"SELECT pg_get_constraintdef(oid) AS \"Value\" FROM pg_constraint WHERE conname = 'ex_assignments_office_no_overlap'")
            .SingleAsync();

        Assert.Contains("EXCLUDE USING gist", definition, StringComparison.Ordinal);
        Assert.Contains("daterange(start_on, end_on, '[)'::text) WITH &&", definition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_YearlySnapshots_BecomeValidatedYearlyDeclarations()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.CreateContext();
        await db.GetService<IMigrator>().MigrateAsync("20261201210958_ResidentsAndAlumni");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
            INSERT INTO sites (id, slug, name, city, region, status, focus_sectors, partners, service_codes)
            VALUES (1, 'tanger', 'Technopark Tanger', 'Tanger', 'Tanger-Tétouan-Al Hoceïma', 'Operational', '{}', '{}', '{}');
            INSERT INTO companies (id, site_id, legal_name, form, sector) VALUES (1, 1, 'Atlas', 'Startup', 'Digital');
            INSERT INTO company_snapshot (company_id, year, headcount, revenue) VALUES (1, 2019, 4, NULL), (1, 2024, 12, 250000.50), (1, 1999, 1, 10);
            """, connection);
            await command.ExecuteNonQueryAsync();
        }

        await db.Database.MigrateAsync();

        var declarations = await db.Declarations.AsNoTracking().OrderBy(d => d.Year).ToListAsync();
        Assert.Equal([2019, 2024], declarations.Select(d => d.Year)); // 1999 is before the network's first year: it cannot be declared
        Assert.All(declarations, d => Assert.Equal((null, DeclarationStatus.Validated, "system", "system", (string?)null, d.Figures), (d.Quarter, d.Status, d.DeclaredBy, d.ValidatedBy, d.CorrectionReason, d.Declared)));
        Assert.Equal(DeclarationFigures.Create(4, 0, 0, 0, 0, 0, stillActive: true), declarations[0].Figures);
        Assert.Equal(DeclarationFigures.Create(12, 250000.50m, 0, 0, 0, 0, stillActive: true), declarations[1].Figures);
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_tables WHERE tablename = 'company_snapshot'").SingleAsync());
    }
}
