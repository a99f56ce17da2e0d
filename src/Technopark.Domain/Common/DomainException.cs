namespace Technopark.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> names the rule and is the key of the
/// user-facing message in the web resources; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, params object[] arguments)
        : base(FormatFallback(code, arguments))
    {
        Code = code;
        Arguments = arguments;
    }

    public DomainException() : this("Domain.Error")
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
        Code = "Domain.Error";
        Arguments = [];
    }

    public string Code { get; }

    public IReadOnlyList<object> Arguments { get; }

    /// <summary>The field the rule is about, when there is one (for messages shown next to it).</summary>
    public string? Field { get; init; }

    private static string FormatFallback(string code, object[] arguments) =>
        arguments.Length == 0 ? code : $"{code}: {string.Join(", ", arguments)}";
}
