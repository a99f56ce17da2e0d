namespace Technopark.Domain.Common;

/// <summary>
/// What was asked for does not exist (or not where it was looked for): pages answer 404 for it.
/// Catch this type, never compare <see cref="DomainException.Code"/> with a string.
/// </summary>
public sealed class NotFoundException(string code) : DomainException(code);

/// <summary>
/// Codes of errors that code branches on or that are raised outside their entity. A code is also the key
/// of its message in the web resources (SharedResource.resx), so the strings never change.
/// </summary>
public static class ErrorCodes
{
    public const string ApplicationNotFound = "Application.NotFound";
    public const string AssignmentNotFound = "Assignment.NotFound";
    public const string DocumentNotFound = "Document.NotFound";
    public const string DeclarationNotFound = "Declaration.NotFound";
    public const string InvoiceNotFound = "Billing.InvoiceNotFound";
    public const string PaymentNotFound = "Billing.PaymentNotFound";
}
