namespace Technopark.Domain.Spaces;

public enum SpaceKind
{
    Office,
    Coworking,
    MeetingRoom,
    ConferenceRoom,
    TrainingRoom,
    ProximityService,
}
