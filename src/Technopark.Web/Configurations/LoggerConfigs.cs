using Serilog;
using Serilog.Formatting.Compact;

namespace Technopark.Web.Configurations;

public static class LoggerConfigs
{
    private const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog, levels and extra sinks from the "Serilog" settings. The console is readable in
    /// Development and JSON (one event a line, for log collectors) everywhere else.
    /// </summary>
    public static WebApplicationBuilder AddLoggerConfigs(this WebApplicationBuilder builder)
    {
        var readable = builder.Environment.IsDevelopment();
        // preserveStaticLogger: each host has its own logger (and request-log pipeline) instead of the process-wide
        // static Log.Logger, which the last host built would own: several hosts in one process (tests) stay apart.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            if (readable)
            {
                logger.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });
        return builder;
    }
}
