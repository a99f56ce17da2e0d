using Technopark.Domain.Rooms;

namespace Technopark.Domain.Tests.Rooms;

public class FreeSlotsTests
{
    private static readonly DateOnly Day = new(2027, 4, 14);
    private static readonly DateTimeOffset Early = new(2027, 4, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_OneBooking_LeavesTheBufferFreeOnBothSides()
    {
        var room = TestRoom.Of(buffer: 15);
        HeldTime[] held = [new(TestRoom.PlusOne(Day, 600), TestRoom.PlusOne(Day, 675))]; // 10:00–11:00, cleaned until 11:15

        var free = FreeSlots.Of(room, Day, held, TestRoom.PlusOne(Day, 0), TestRoom.PlusOne(Day, 1440), 60, Early);

        Assert.Equal([new FreeSlot(room.Space.Id, TestRoom.PlusOne(Day, 480), TestRoom.PlusOne(Day, 585)),
            new FreeSlot(room.Space.Id, TestRoom.PlusOne(Day, 675), TestRoom.PlusOne(Day, 1140))], free);
    }

    [Fact]
    public void Of_NowInTheDay_StartsAtTheNextQuarter()
    {
        var room = TestRoom.Of();

        var free = FreeSlots.Of(room, Day, [], TestRoom.PlusOne(Day, 0), TestRoom.PlusOne(Day, 1440), 30, TestRoom.PlusOne(Day, 607));

        Assert.Equal([new FreeSlot(room.Space.Id, TestRoom.PlusOne(Day, 615), TestRoom.PlusOne(Day, 1140))], free);
    }

    [Fact]
    public void Of_ClosedDayOrRoomOutOfService_IsEmpty()
    {
        var saturday = new DateOnly(2027, 4, 17);

        Assert.Empty(FreeSlots.Of(TestRoom.Of(), saturday, [], TestRoom.PlusOne(saturday, 0), TestRoom.PlusOne(saturday, 1440), 30, Early));
        Assert.Empty(FreeSlots.Of(TestRoom.Of(active: false), Day, [], TestRoom.PlusOne(Day, 0), TestRoom.PlusOne(Day, 1440), 30, Early));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Of_RandomDays_MatchesABruteForceReference(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 150; round++)
        {
            var c = RandomCase(random, minutesAtLeastMin: false);

            var free = FreeSlots.Of(c.Room, c.Day, c.Held, c.From, c.To, c.Minutes, c.Now);

            var wanted = Math.Max(c.Minutes, c.Room.Settings.MinBookingMinutes);
            var expected = Allowed(c, wanted);
            var actual = Candidates(c.Day).Where(s => free.Any(f => f.Start <= s && s.AddMinutes(wanted) <= f.End)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"seed {seed} round {round}: expected {expected.Count} starts, got {actual.Count} ({Describe(c)})");
            for (var i = 0; i < free.Count; i++)
            {
                Assert.True(free[i].Minutes >= wanted && free[i].SpaceId == c.Room.Space.Id);
                Assert.True(i == 0 || free[i - 1].End < free[i].Start, "spans are sorted and apart");
                Assert.Equal(0, free[i].Start.UtcTicks % TimeSpan.FromMinutes(15).Ticks);
                Assert.Equal(0, free[i].End.UtcTicks % TimeSpan.FromMinutes(15).Ticks);
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Nearest_RandomDays_OffersFreeSlotsOfTheRightLengthNearestFirst(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 150; round++)
        {
            var c = RandomCase(random, minutesAtLeastMin: true);
            var wantedStart = TestRoom.PlusOne(c.Day, random.Next(0, 96) * 15);
            var free = FreeSlots.Of(c.Room, c.Day, c.Held, c.From, c.To, c.Minutes, c.Now);

            var nearest = FreeSlots.Nearest(free, wantedStart, c.Minutes, 3);

            var allowed = Allowed(c, c.Minutes);
            // As many as asked when the day has room for that many separate slots (one per span at least), never overlapping.
            var separate = allowed.Order().Aggregate(new List<DateTimeOffset>(), (kept, start) =>
            {
                if (kept.Count == 0 || start >= kept[^1].AddMinutes(c.Minutes))
                {
                    kept.Add(start);
                }

                return kept;
            }).Count;
            Assert.InRange(nearest.Count, Math.Min(3, free.Count), Math.Min(3, separate));
            Assert.All(nearest, n => Assert.Equal(c.Minutes, n.Minutes));
            Assert.All(nearest, n => Assert.Contains(n.Start, allowed));
            Assert.All(nearest, n => Assert.DoesNotContain(nearest, o => o != n && o.Start < n.End && n.Start < o.End));
            for (var i = 1; i < nearest.Count; i++)
            {
                Assert.True((nearest[i - 1].Start - wantedStart).Duration() <= (nearest[i].Start - wantedStart).Duration());
            }

            if (allowed.Count > 0)
            {
                var best = allowed.OrderBy(s => (s - wantedStart).Duration()).ThenBy(s => s).First();
                Assert.Equal(best, nearest[0].Start);
            }
        }
    }

    [Fact]
    public void Nearest_BetweenTwoSpans_OffersTheNearerEndFirst()
    {
        var free = new[]
        {
            new FreeSlot(7, TestRoom.PlusOne(Day, 480), TestRoom.PlusOne(Day, 585)),
            new FreeSlot(7, TestRoom.PlusOne(Day, 675), TestRoom.PlusOne(Day, 1140)),
        };

        var nearest = FreeSlots.Nearest(free, TestRoom.PlusOne(Day, 630), 60);

        Assert.Equal([new FreeSlot(7, TestRoom.PlusOne(Day, 675), TestRoom.PlusOne(Day, 735)),
            new FreeSlot(7, TestRoom.PlusOne(Day, 525), TestRoom.PlusOne(Day, 585)),
            new FreeSlot(7, TestRoom.PlusOne(Day, 735), TestRoom.PlusOne(Day, 795))], nearest); // 45 min after, 105 before, 105 after
    }

    private sealed record Case(BookableRoom Room, DateOnly Day, List<HeldTime> Held, DateTimeOffset From, DateTimeOffset To, int Minutes, DateTimeOffset Now);

    private static Case RandomCase(Random random, bool minutesAtLeastMin)
    {
        var day = new DateOnly(2027, 4, 5).AddDays(random.Next(0, 250)); // Morocco stays at UTC+01:00 all that time
        var hours = new int[14];
        for (var i = 0; i < 14; i += 2)
        {
            hours[i] = random.Next(0, 97) * 15;
            hours[i + 1] = random.Next(0, 5) == 0 ? hours[i] : hours[i] + random.Next(0, (1440 - hours[i]) / 15 + 1) * 15;
        }

        var min = random.Next(1, 9) * 15;
        var buffer = random.Next(0, 9) * 15;
        var room = TestRoom.Of(hours: new WeeklyHours(hours), min: min, max: Math.Max(min, 480), buffer: buffer);
        var held = new List<HeldTime>();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            var start = TestRoom.PlusOne(day, random.Next(-40, 136) * 15);
            var hold = new HeldTime(start, start.AddMinutes(random.Next(1, 41) * 15 + buffer));
            if (held.All(h => hold.BlockedUntil <= h.Start || h.BlockedUntil <= hold.Start))
            {
                held.Add(hold);
            }
        }

        var fromMinute = random.Next(0, 97) * 15;
        var toMinute = random.Next(0, 4) == 0 ? 1440 : random.Next(0, 97) * 15;
        var now = random.Next(0, 3) == 0 ? TestRoom.PlusOne(day, random.Next(0, 1440)).AddSeconds(random.Next(0, 60)) : Early;
        var minutes = random.Next(1, 17) * 15;
        return new Case(room, day, [.. held.OrderBy(_ => random.Next())], TestRoom.PlusOne(day, fromMinute), TestRoom.PlusOne(day, toMinute),
            minutesAtLeastMin ? Math.Max(minutes, min) : minutes, now);
    }

    /// <summary>The quarter hours around the day a booking could start at.</summary>
    private static IEnumerable<DateTimeOffset> Candidates(DateOnly day)
    {
        for (var m = -1440; m <= 2880; m += 15)
        {
            yield return TestRoom.PlusOne(day, 0).AddMinutes(m);
        }
    }

    /// <summary>
    /// The reference, from the definition: a booking [s, s + minutes) may start at s when it lies within the day's opening
    /// hours and the window, is not in the past, and its hold [s, s + minutes + buffer) overlaps no held time.
    /// </summary>
    private static List<DateTimeOffset> Allowed(Case c, int minutes)
    {
        var (opens, closes) = c.Room.Settings.Hours.On(c.Day.DayOfWeek);
        var buffer = c.Room.Settings.BufferMinutes;
        return [.. Candidates(c.Day).Where(s =>
        {
            var e = s.AddMinutes(minutes);
            return closes > opens && s >= TestRoom.PlusOne(c.Day, opens) && e <= TestRoom.PlusOne(c.Day, closes)
                && s >= c.From && e <= c.To && s >= c.Now
                && c.Held.All(h => !(s < h.BlockedUntil && h.Start < e.AddMinutes(buffer)));
        })];
    }

    private static string Describe(Case c) =>
        $"day {c.Day:yyyy-MM-dd}, hours {c.Room.Settings.Hours.On(c.Day.DayOfWeek)}, buffer {c.Room.Settings.BufferMinutes}, "
        + $"min {c.Room.Settings.MinBookingMinutes}, window {c.From:HH:mm}–{c.To:HH:mm}, now {c.Now:O}, minutes {c.Minutes}, "
        + $"held {string.Join(" ", c.Held.Select(h => $"{h.Start:HH:mm}–{h.BlockedUntil:HH:mm}"))}";
}
