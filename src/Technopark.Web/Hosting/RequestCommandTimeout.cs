using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Hosting;

/// <summary>
/// No request may hold a database connection for long, whatever it asks: the SQL commands of a request
/// time out after Database:RequestCommandTimeoutSeconds (5 by default; the slowest report, HQ's trend at
/// 100× the demo, needs about 2 s), and the visitor gets 503 rather than a 500. Background jobs and
/// migrations keep Npgsql's default. The pool resets the timeout when the context goes back.
/// </summary>
public static class RequestCommandTimeout
{
    public const string Setting = "Database:RequestCommandTimeoutSeconds";

    /// <summary>After routing: only requests that reach an endpoint use the database.</summary>
    public static IApplicationBuilder UseRequestCommandTimeout(this IApplicationBuilder app, IConfiguration configuration)
    {
        var seconds = configuration.GetValue(Setting, 5);
        return app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null)
            {
                context.RequestServices.GetRequiredService<TechnoparkDbContext>().Database.SetCommandTimeout(seconds);
            }

            return next(context);
        });
    }

    /// <summary>A command cut by the timeout: the server is busy (503), the input was not the fault.</summary>
    public static bool IsTimeout(Exception exception) =>
        exception is Npgsql.NpgsqlException { InnerException: TimeoutException } || exception.InnerException is Npgsql.NpgsqlException { InnerException: TimeoutException };
}
