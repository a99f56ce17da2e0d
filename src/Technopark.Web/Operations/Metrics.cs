using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Technopark.Web.Operations;

/// <summary>
/// The app's own instruments, next to ASP.NET Core's (request duration by route) and Npgsql's
/// (database command duration): the outbox backlog and failed sign-ins.
/// </summary>
public sealed class TechnoparkMetrics : IDisposable
{
    public const string MeterName = "Technopark";

    private readonly Meter _meter;
    private readonly Counter<long> _signInFailures;
    private long _outboxBacklog;

    public TechnoparkMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _signInFailures = _meter.CreateCounter<long>("technopark.sign_in.failures", "{attempt}",
            "Password sign-ins refused (wrong password, unknown email, locked out, not allowed).");
        _meter.CreateObservableGauge("technopark.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}",
            "Emails waiting in the outbox to be sent (as of the sender's last run).");
    }

    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void OutboxBacklog(long pending) => Interlocked.Exchange(ref _outboxBacklog, pending);

    public void Dispose() => _meter.Dispose();
}

public static class MetricsSetup
{
    public static IServiceCollection AddTechnoparkMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TechnoparkMetrics>();
        services.Configure<MetricsAccessOptions>(configuration.GetSection(MetricsAccessOptions.Section));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("technopark"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(TechnoparkMetrics.MeterName)
                .AddPrometheusExporter());
        return services;
    }
}
