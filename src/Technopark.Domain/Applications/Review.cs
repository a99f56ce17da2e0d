using Technopark.Domain.Common;

namespace Technopark.Domain.Applications;

/// <summary>A reviewer's scores (1–5 per criterion) and comment on one application.</summary>
public sealed class Review
{
    public const int CommentMaxLength = 2000;
    public const int MinScore = 1;
    public const int MaxScore = 5;

    private Review()
    {
        ReviewerId = string.Empty;
    }

    internal Review(string reviewerId, DateTimeOffset assignedAt)
    {
        ReviewerId = reviewerId;
        AssignedAt = assignedAt;
    }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public string ReviewerId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public int? Innovation { get; private set; }

    public int? Team { get; private set; }

    public int? Market { get; private set; }

    public int? Feasibility { get; private set; }

    public int? Impact { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public bool IsDone => SubmittedAt is not null;

    public decimal? Average => IsDone ? (Innovation + Team + Market + Feasibility + Impact) / 5m : null;

    internal void Score(int innovation, int team, int market, int feasibility, int impact, string? comment, DateTimeOffset at)
    {
        foreach (var (score, field) in new[] { (innovation, nameof(Innovation)), (team, nameof(Team)), (market, nameof(Market)), (feasibility, nameof(Feasibility)), (impact, nameof(Impact)) })
        {
            Guard.That(score is >= MinScore and <= MaxScore, "Review.ScoreInvalid", field);
        }

        (Innovation, Team, Market, Feasibility, Impact) = (innovation, team, market, feasibility, impact);
        Comment = Guard.OptionalText(comment, CommentMaxLength, "Review.CommentTooLong", nameof(Comment));
        SubmittedAt = at;
    }
}
