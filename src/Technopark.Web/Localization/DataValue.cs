using System.Globalization;

namespace Technopark.Web.Localization;

/// <summary>
/// A figure as a raw invariant value for a <c>data-*</c> attribute (<c>1234.5</c>, empty when there is none), whatever
/// the page's language and number formatting: what tests and scripts read, next to what people read.
/// </summary>
public static class DataValue
{
    public static string Of(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A count, without boxing it (HQ's tables write a thousand of them a page).</summary>
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);
}
