using Microsoft.EntityFrameworkCore;
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
}
