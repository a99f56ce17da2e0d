namespace Technopark.Infrastructure.Data;

/// <summary>Names of database constraints the app turns into messages for people.</summary>
public static class DbConstraints
{
    /// <summary>Exclusion constraint (first migration): two assignments of one office never overlap.</summary>
    public const string OfficeNoOverlap = "ex_assignments_office_no_overlap";
}
