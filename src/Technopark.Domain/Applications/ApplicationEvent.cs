namespace Technopark.Domain.Applications;

/// <summary>One step of an application's timeline: a change of state, or a message from the site.</summary>
public sealed class ApplicationEvent
{
    public const int NoteMaxLength = 2000;

    private ApplicationEvent()
    {
    }

    internal ApplicationEvent(DateTimeOffset at, ApplicationState state, string? note, string? byUserId, bool isMessage)
    {
        At = at;
        State = state;
        Note = note;
        ByUserId = byUserId;
        IsMessage = isMessage;
    }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ApplicationState State { get; private set; }

    public string? Note { get; private set; }

    public string? ByUserId { get; private set; }

    /// <summary>A message from the site to the applicant (otherwise a change of state).</summary>
    public bool IsMessage { get; private set; }
}
