using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;
using Technopark.Web.Email;
using Technopark.Web.Jobs;

namespace Technopark.IntegrationTests.Operations;

public class GracefulShutdownTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task StopAsync_RequestInFlight_CompletesWith200()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factory = app.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new SlowEndpoint(started))));
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };

        var request = client.GetAsync("/test/slow");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = factory.DisposeAsync().AsTask(); // what SIGTERM does: the host stops
        using var response = await request;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendPendingAsync_StopRequestedDuringABatch_FinishesThatBatchAndStartsNoOther()
    {
        var transport = new SlowTransport();
        await using var factory = app.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:IntervalSeconds", "3600");
            builder.UseSetting("Email:BatchSize", "2");
            builder.ConfigureTestServices(services => services.AddScoped<IEmailTransport>(_ => transport));
        });
        var ids = await EnqueueAsync(4);
        var sender = factory.Services.GetRequiredService<OutboxSender>();
        using var stopping = new CancellationTokenSource();

        var run = sender.SendPendingAsync(stopping.Token);
        await transport.FirstReceived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        transport.Release.SetResult();
        var delivered = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, delivered);
        await using var db = app.Database.CreateContext();
        var sent = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.SentAt != null).Select(m => m.Id).ToListAsync();
        Assert.Equal(transport.Received.Order(), sent.Order()); // every email handed over is recorded: none sent twice
        Assert.Equal(2, await db.Outbox.CountAsync(m => ids.Contains(m.Id) && m.SentAt == null));
    }

    private async Task<long[]> EnqueueAsync(int count)
    {
        await using var db = app.Database.CreateContext();
        var messages = Enumerable.Range(0, count)
            .Select(i => OutboxMessage.Create($"arret{i}@example.ma", "Sujet", "<p>Corps</p>", "Corps", app.Factory.Clock.GetUtcNow().AddSeconds(i)))
            .ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return [.. messages.Select(m => m.Id)];
    }

    /// <summary>A transport that holds the first email until released, honouring the token it is given.</summary>
    private sealed class SlowTransport : IEmailTransport
    {
        public TaskCompletionSource FirstReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<long> Received { get; } = [];

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            FirstReceived.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Received.Add(message.Id);
        }
    }

    /// <summary>A test-only endpoint that takes its time, to be in flight when the host stops.</summary>
    private sealed class SlowEndpoint(TaskCompletionSource started) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Map("/test/slow", slow => slow.Run(async context =>
            {
                started.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(1.5), CancellationToken.None);
                await context.Response.WriteAsync("finished", CancellationToken.None);
            }));
            next(builder);
        };
    }
}
