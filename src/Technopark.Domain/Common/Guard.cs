namespace Technopark.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength)
        {
            throw new DomainException(code, maxLength) { Field = field };
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, int maxLength, string code, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainException(code, maxLength) { Field = field } : trimmed;
    }

    public static void That(bool condition, string code, string field, params object[] arguments)
    {
        if (!condition)
        {
            throw new DomainException(code, arguments) { Field = field };
        }
    }
}
