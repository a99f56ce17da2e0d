using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Identity;

namespace Technopark.Infrastructure.Data;

public sealed class TechnoparkDbContext(DbContextOptions<TechnoparkDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Space> Spaces => Set<Space>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gist");
        builder.ApplyConfigurationsFromAssembly(typeof(TechnoparkDbContext).Assembly);
    }
}
