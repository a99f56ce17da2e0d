namespace Technopark.Domain.Rooms;

/// <summary>What a shared room offers; a room has any combination (stored as one integer).</summary>
[Flags]
public enum RoomEquipment
{
    None = 0,
    Screen = 1,
    VideoConference = 2,
    Whiteboard = 4,
    Projector = 8,
    SoundSystem = 16,
    Flipchart = 32,
}

public static class RoomEquipments
{
    /// <summary>Each piece of equipment on its own, in display order.</summary>
    public static readonly IReadOnlyList<RoomEquipment> All =
        [.. Enum.GetValues<RoomEquipment>().Where(e => e != RoomEquipment.None)];

    public const RoomEquipment Any = RoomEquipment.Screen | RoomEquipment.VideoConference | RoomEquipment.Whiteboard
        | RoomEquipment.Projector | RoomEquipment.SoundSystem | RoomEquipment.Flipchart;
}
