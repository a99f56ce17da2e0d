using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Technopark.Benchmarks;

/// <summary>A command's text and parameters, to send again through plain Npgsql.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public void Bind(NpgsqlCommand command)
    {
        foreach (var p in Parameters)
        {
            command.Parameters.Add(p.Clone());
        }
    }
}

/// <summary>Keeps the last reader command EF Core sent.</summary>
internal sealed class CommandCapture : DbCommandInterceptor
{
    public CapturedCommand? Last { get; private set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Last = new CapturedCommand(command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]);
        return ValueTask.FromResult(result);
    }
}
