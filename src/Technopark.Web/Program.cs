using Technopark.Infrastructure;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web;
using Technopark.Web.Configurations;
using Technopark.Web.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddLoggerConfigs();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);
builder.AddOperations();

var app = builder.Build();
if (args.Contains("--migrate"))
{
    await app.Services.MigrateDatabaseAsync(); // deploy step, as the schema owner; the app itself runs without its credentials
    return;
}

if (!Technopark.Domain.Common.SiteTime.FromTimeZoneDatabase)
{
    app.Logger.LogWarning("No time-zone database: Africa/Casablanca is not found, so times are shown in UTC (install the tzdata package)");
}

await app.Services.InitializeDatabaseAsync(app.Environment.IsProduction());
app.UseOperations();
app.UseWeb();
app.MapWeb();
app.MapOperations();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
