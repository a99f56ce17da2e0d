using Technopark.Domain.Rooms;

namespace Technopark.Domain.Tests.Rooms;

public class RoomQuotaTests
{
    private static readonly DateTimeOffset Monday = new(2027, 4, 12, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Split_UsesTheIncludedHoursInStartOrder_ThenBillsTheRest()
    {
        QuotaUse[] uses = [new(3, Monday.AddDays(2), 30), new(1, Monday, 90), new(2, Monday.AddDays(1), 60)];

        var shares = RoomQuota.Split(2, uses);

        Assert.Equal([new QuotaShare(1, 90, 0), new QuotaShare(2, 30, 30), new QuotaShare(3, 0, 30)], shares);
    }

    [Fact]
    public void Split_SameStart_IsOrderedById()
    {
        var shares = RoomQuota.Split(1, [new QuotaUse(9, Monday, 60), new QuotaUse(4, Monday, 60)]);

        Assert.Equal([new QuotaShare(4, 60, 0), new QuotaShare(9, 0, 60)], shares);
    }

    [Fact]
    public void Split_NothingIncluded_BillsEverything_AndLeftNeverGoesBelowZero()
    {
        Assert.Equal([new QuotaShare(1, 0, 45)], RoomQuota.Split(0, [new QuotaUse(1, Monday, 45)]));
        Assert.Equal(0, RoomQuota.LeftMinutes(1, 75));
        Assert.Equal(15, RoomQuota.LeftMinutes(1, 45));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Split_RandomUses_MatchesAMinuteByMinuteReference(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var included = random.Next(0, 12);
            var uses = Enumerable.Range(0, random.Next(0, 15))
                .Select(i => new QuotaUse(random.Next(1, 1000) * 10 + i, Monday.AddHours(random.Next(0, 8)), random.Next(1, 33) * 15))
                .ToList();

            var shares = RoomQuota.Split(included, uses);

            // The reference: walk the bookings in start order (then id), one minute at a time, spending the month's included minutes.
            var sorted = uses.OrderBy(u => u.Start.UtcTicks).ThenBy(u => u.BookingId).ToList();
            var left = included * 60;
            var expected = new List<QuotaShare>();
            foreach (var use in sorted)
            {
                var (inc, bill) = (0, 0);
                for (var minute = 0; minute < use.Minutes; minute++)
                {
                    if (left > 0)
                    {
                        left--;
                        inc++;
                    }
                    else
                    {
                        bill++;
                    }
                }

                expected.Add(new QuotaShare(use.BookingId, inc, bill));
            }

            Assert.Equal(expected, shares);
            Assert.Equal(uses.Sum(u => u.Minutes), shares.Sum(s => s.IncludedMinutes + s.BillableMinutes));
            Assert.Equal(Math.Max(0, included * 60 - uses.Sum(u => u.Minutes)), RoomQuota.LeftMinutes(included, uses.Sum(u => u.Minutes)));
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void AddedBillableMinutes_IsWhatTheSplitBillsMoreWithTheNewBookingsWhereverTheyStart(int seed)
    {
        var random = new Random(seed);
        var month = new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero);
        for (var round = 0; round < 300; round++)
        {
            var included = random.Next(0, 6);
            var existing = Enumerable.Range(1, random.Next(0, 5))
                .Select(i => new QuotaUse(i, month.AddHours(random.Next(0, 700)), random.Next(1, 13) * 15)).ToList();
            var added = Enumerable.Range(100, random.Next(1, 4))
                .Select(i => new QuotaUse(i, month.AddHours(random.Next(0, 700)), random.Next(1, 13) * 15)).ToList();

            var before = RoomQuota.Split(included, existing).Sum(s => s.BillableMinutes);
            var after = RoomQuota.Split(included, existing.Concat(added)).Sum(s => s.BillableMinutes);

            Assert.Equal(after - before, RoomQuota.AddedBillableMinutes(included, existing.Sum(u => u.Minutes), added.Sum(u => u.Minutes)));
        }
    }
}

