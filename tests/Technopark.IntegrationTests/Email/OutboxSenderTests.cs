using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.Web.Email;
using Technopark.Web.Jobs;

namespace Technopark.IntegrationTests.Email;

public class OutboxSenderTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task SendPendingAsync_MailboxMode_MarksEveryPendingMessageSent()
    {
        var ids = await EnqueueAsync("a@example.ma", "b@example.ma", "c@example.ma");
        var sender = app.Factory.Services.GetRequiredService<OutboxSender>();

        await sender.SendPendingAsync(CancellationToken.None);

        await using var db = app.Database.CreateContext();
        var messages = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.NotNull(m.SentAt));
        Assert.All(messages, m => Assert.Null(m.LastError));
    }

    [Fact]
    public async Task SendPendingAsync_TransportFails_RecordsTheFailureAndRetriesUpToFiveTimes()
    {
        await using var failing = app.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:IntervalSeconds", "3600");
            builder.ConfigureTestServices(services => services.AddScoped<IEmailTransport, FailingTransport>());
        });
        var ids = await EnqueueAsync("panne@example.ma");
        var sender = failing.Services.GetRequiredService<OutboxSender>();

        for (var i = 0; i < 7; i++)
        {
            await sender.SendPendingAsync(CancellationToken.None);
        }

        await using var db = app.Database.CreateContext();
        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == ids[0]);
        Assert.Null(message.SentAt);
        Assert.Equal(OutboxSender.MaxAttempts, message.Attempts);
        Assert.Equal("SMTP server unreachable", message.LastError);
    }

    [Fact]
    public async Task Mailbox_NetworkAdmin_SeesNewestFirstWithEncodedBodyAndLinkedUrls()
    {
        await EnqueueAsync("premier@example.ma");
        await using (var db = app.Database.CreateContext())
        {
            db.Outbox.Add(OutboxMessage.Create("dernier@example.ma", "Dernier", "<p>x</p>",
                "Ouvrez https://technopark.ma/x?a=1&b=2 <script>alert(1)</script>", Now.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        using var client = await SignedInAdminAsync(app.Factory);
        using var response = await client.GetAsync("/hq/mailbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"https://technopark.ma/x?a=1&amp;b=2\">", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("dernier@example.ma", StringComparison.Ordinal) < html.IndexOf("premier@example.ma", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mailbox_SmtpMode_Returns404()
    {
        await using var smtp = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("Email:Mode", "Smtp"));

        using var client = await SignedInAdminAsync(smtp);
        using var response = await client.GetAsync("/hq/mailbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAdminAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var email = $"hq-{Guid.NewGuid():N}@example.ma";
        var user = await app.CreateUserAsync(email);
        using (var scope = factory.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(Roles.NetworkAdmin))
            {
                await roles.CreateAsync(new IdentityRole(Roles.NetworkAdmin));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, Roles.NetworkAdmin)).Succeeded);
        }

        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await Forms.PostAsync(client, "/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AccountsAppFixture.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>'Now' as the app's clock (the sender's) says it, never the wall clock.</summary>
    private DateTimeOffset Now => app.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private async Task<long[]> EnqueueAsync(params string[] recipients)
    {
        await using var db = app.Database.CreateContext();
        var messages = recipients.Select(to => OutboxMessage.Create(to, "Sujet", "<p>Corps</p>", "Corps", Now)).ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return [.. messages.Select(m => m.Id)];
    }

    private sealed class FailingTransport : IEmailTransport
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new System.Net.Mail.SmtpException("SMTP server unreachable");
    }
}
