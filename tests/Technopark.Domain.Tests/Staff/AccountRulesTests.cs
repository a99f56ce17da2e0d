using Technopark.Domain.Common;
using Technopark.Domain.Staff;

namespace Technopark.Domain.Tests.Staff;

public class AccountRulesTests
{
    [Fact]
    public void CheckLock_Self_IsRefused() =>
        Assert.Equal("People.CannotLockSelf", Assert.Throws<DomainException>(() => AccountRules.CheckLock("a", "a")).Code);

    [Fact]
    public void CheckLock_Another_IsAllowed() => AccountRules.CheckLock("a", "b");

    [Fact]
    public void CheckRemoveNetworkAdmin_Self_IsRefusedEvenWithOthers() =>
        Assert.Equal("People.CannotRemoveOwnAdmin", Assert.Throws<DomainException>(() => AccountRules.CheckRemoveNetworkAdmin("a", "a", 3)).Code);

    [Fact]
    public void CheckRemoveNetworkAdmin_TheLastOne_IsRefused() =>
        Assert.Equal("People.LastNetworkAdmin", Assert.Throws<DomainException>(() => AccountRules.CheckRemoveNetworkAdmin("a", "b", 1)).Code);

    [Fact]
    public void CheckRemoveNetworkAdmin_AnotherWhileTwoRemain_IsAllowed() => AccountRules.CheckRemoveNetworkAdmin("a", "b", 2);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Reason_Missing_IsRefused(string? reason) =>
        Assert.Equal("People.ReasonRequired", Assert.Throws<DomainException>(() => AccountRules.Reason(reason)).Code);

    [Fact]
    public void Reason_TooLong_IsRefused() =>
        Assert.Throws<DomainException>(() => AccountRules.Reason(new string('x', AccountRules.ReasonMaxLength + 1)));

    [Fact]
    public void Reason_IsTrimmed() => Assert.Equal("leaked", AccountRules.Reason("  leaked "));

    [Fact]
    public void IsLockedByHq_TheLockWithoutEnd_IsHqs() => Assert.True(AccountRules.IsLockedByHq(AccountRules.LockedUntil));

    [Fact]
    public void IsLockedByHq_FailedSignInsLockout_IsNot()
    {
        Assert.False(AccountRules.IsLockedByHq(new DateTimeOffset(2026, 12, 2, 12, 15, 0, TimeSpan.Zero)));
        Assert.False(AccountRules.IsLockedByHq(null));
    }
}
