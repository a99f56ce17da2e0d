using System.Globalization;
using CsvHelper;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// CSV files for Excel as used at HQ (French): UTF-8 with a byte order mark so accents survive,
/// ';' between fields, French headers and decimal commas, whatever the user's language.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-MA");

    /// <summary>Writes a header row and the rows; cells are already in their final form (text or numbers).</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { Separator = ';', FormatProvider = French, WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Streams a header row and the rows to <paramref name="destination"/> in batches of <see cref="BatchRows"/> rows, so that a
    /// file of any length is written with the memory of one batch; the rows are read (and their text localized) in French.
    /// <paramref name="injection"/>: what to do with a text cell a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>…),
    /// for files whose text was typed by people.
    /// </summary>
    public static async Task WriteAsync(Stream destination, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows,
        CancellationToken cancellationToken, CsvInjection injection = CsvInjection.None)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = French;
        try
        {
            using var buffer = new MemoryStream();
            using var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Separator = ';', FormatProvider = French, WriteByteOrderMark = true, Injection = injection }, leaveOpen: true);
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            var count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
                if (++count % BatchRows == 0)
                {
                    await FlushAsync(csv, buffer, destination, cancellationToken);
                }
            }

            await FlushAsync(csv, buffer, destination, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public const int BatchRows = 2000;

    /// <summary>Moves what the writer holds into <paramref name="destination"/> (the response: asynchronously) and empties the buffer.</summary>
    private static async Task FlushAsync(CsvWriter csv, MemoryStream buffer, Stream destination, CancellationToken cancellationToken)
    {
        csv.Flush();
        await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }

    /// <summary>An amount in MAD as accounting software reads it: always two decimals, a decimal comma, no thousands separator ("1234,50").</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", French);

    /// <summary>Runs <paramref name="build"/> with French as the UI language (headers come from the French resources).</summary>
    public static T InFrench<T>(Func<T> build)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = French;
        try
        {
            return build();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
