namespace Technopark.Domain.Companies;

/// <summary>A person's role in a company: the owner (the accepted applicant, or someone made owner) invites and removes members.</summary>
public enum CompanyRole
{
    Owner,
    Member,
}
