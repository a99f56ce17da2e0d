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
