using Technopark.Domain.Common;

namespace Technopark.Domain.Companies;

/// <summary>One message of the thread between a company and its site's team (one thread per company). Never edited.</summary>
public sealed class CompanyMessage
{
    public const int BodyMaxLength = 4000;

    private CompanyMessage()
    {
        AuthorId = Body = string.Empty;
    }

    public long Id { get; private set; }

    public int CompanyId { get; private set; }

    public string AuthorId { get; private set; }

    /// <summary>Written by the site's team (else by a member of the company).</summary>
    public bool FromStaff { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public static CompanyMessage Create(int companyId, string authorId, bool fromStaff, string? body, DateTimeOffset at)
    {
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        return new CompanyMessage
        {
            CompanyId = companyId,
            AuthorId = authorId,
            FromStaff = fromStaff,
            Body = Guard.Text(body, BodyMaxLength, "Message.BodyRequired", nameof(Body)),
            SentAt = at,
        };
    }
}
