using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Technopark.Infrastructure.Data;

/// <summary>For <c>dotnet ef</c>: builds the context without the web host. Migrations need no live database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TechnoparkDbContext>
{
    public TechnoparkDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Technopark")
            ?? "Host=127.0.0.1;Port=55432;Database=technopark;Username=postgres";
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(connectionString);
        return new TechnoparkDbContext((DbContextOptions<TechnoparkDbContext>)options.Options);
    }
}
