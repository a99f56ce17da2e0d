using Technopark.Infrastructure;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web;
using Technopark.Web.Configurations;

var builder = WebApplication.CreateBuilder(args);
builder.AddLoggerConfigs();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeDatabaseAsync(app.Environment.IsProduction());
app.UseWeb();
app.MapWeb();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
