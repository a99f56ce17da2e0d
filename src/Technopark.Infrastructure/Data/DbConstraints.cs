namespace Technopark.Infrastructure.Data;

/// <summary>Names of database constraints the app turns into messages for people.</summary>
public static class DbConstraints
{
    /// <summary>Exclusion constraint (first migration): two assignments of one office never overlap.</summary>
    public const string OfficeNoOverlap = "ex_assignments_office_no_overlap";

    /// <summary>Exclusion constraint: two live bookings of one room never overlap, the cleaning buffer after each included.</summary>
    public const string RoomNoOverlap = "ex_room_bookings_no_overlap";
}
