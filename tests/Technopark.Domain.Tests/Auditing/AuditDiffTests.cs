using Technopark.Domain.Auditing;

namespace Technopark.Domain.Tests.Auditing;

public class AuditDiffTests
{
    private static AuditDiffRow Row(IReadOnlyList<AuditDiffRow> rows, string path) => Assert.Single(rows, r => r.Path == path);

    [Fact]
    public void Compare_SameValues_NothingChanged()
    {
        var rows = AuditDiff.Compare("""{"role":"Reviewer","seats":2}""", """{"role":"Reviewer","seats":2}""");

        Assert.Equal(["role", "seats"], rows.Select(r => r.Path));
        Assert.All(rows, r => Assert.False(r.Changed));
    }

    [Fact]
    public void Compare_OneFieldChanged_OnlyThatFieldIsMarked()
    {
        var rows = AuditDiff.Compare("""{"role":"Reviewer","seats":2}""", """{"role":"SiteManager","seats":2}""");

        Assert.Equal(new AuditDiffRow("role", "Reviewer", "SiteManager", true), Row(rows, "role"));
        Assert.False(Row(rows, "seats").Changed);
    }

    [Fact]
    public void Compare_NestedObjects_FlattenToDottedPaths()
    {
        var rows = AuditDiff.Compare("""{"space":{"code":"B-1","rate":{"monthly":1500}}}""", """{"space":{"code":"B-1","rate":{"monthly":1800}}}""");

        Assert.Equal(["space.code", "space.rate.monthly"], rows.Select(r => r.Path));
        Assert.Equal(new AuditDiffRow("space.rate.monthly", "1500", "1800", true), Row(rows, "space.rate.monthly"));
        Assert.False(Row(rows, "space.code").Changed);
    }

    [Fact]
    public void Compare_Arrays_OneRowPerItem()
    {
        var rows = AuditDiff.Compare("""{"bookings":[{"id":1},{"id":2}],"tags":["a"]}""", """{"bookings":[{"id":1}],"tags":["a","b"]}""");

        Assert.False(Row(rows, "bookings[0].id").Changed);
        Assert.Equal(new AuditDiffRow("bookings[1].id", "2", null, true), Row(rows, "bookings[1].id"));
        Assert.False(Row(rows, "tags[0]").Changed);
        Assert.Equal(new AuditDiffRow("tags[1]", null, "b", true), Row(rows, "tags[1]"));
    }

    [Fact]
    public void Compare_EmptyArrayAndObject_AreValues()
    {
        var rows = AuditDiff.Compare("""{"items":[],"extra":{}}""", """{"items":[],"extra":{"a":1}}""");

        Assert.Equal(new AuditDiffRow("items", "[]", "[]", false), Row(rows, "items"));
        Assert.Equal(new AuditDiffRow("extra", "{}", null, true), Row(rows, "extra"));
        Assert.Equal(new AuditDiffRow("extra.a", null, "1", true), Row(rows, "extra.a"));
    }

    [Fact]
    public void Compare_FieldOnlyBefore_IsChangedAndReadsNullAfter()
    {
        var rows = AuditDiff.Compare("""{"userId":"u1","role":"Reviewer"}""", """{"role":"Reviewer"}""");

        Assert.Equal(new AuditDiffRow("userId", "u1", null, true), Row(rows, "userId"));
    }

    [Fact]
    public void Compare_FieldOnlyAfter_ComesLastAndIsChanged()
    {
        var rows = AuditDiff.Compare("""{"state":"Draft"}""", """{"reason":"ok","state":"Submitted"}""");

        Assert.Equal(["state", "reason"], rows.Select(r => r.Path));
        Assert.Equal(new AuditDiffRow("reason", null, "ok", true), Row(rows, "reason"));
    }

    [Fact]
    public void Compare_NullAndAbsent_AreTheSame()
    {
        var rows = AuditDiff.Compare("""{"removed":null}""", "{}");

        Assert.Equal(new AuditDiffRow("removed", null, null, false), Row(rows, "removed"));
    }

    [Fact]
    public void Compare_NullBecomesValue_IsChanged()
    {
        var rows = AuditDiff.Compare("""{"end":null}""", """{"end":"2027-03-01"}""");

        Assert.Equal(new AuditDiffRow("end", null, "2027-03-01", true), Row(rows, "end"));
    }

    [Fact]
    public void Compare_NoBefore_EveryFieldIsNew()
    {
        var rows = AuditDiff.Compare(null, """{"email":"a@b.ma","site":"tanger"}""");

        Assert.All(rows, r => Assert.True(r.Changed && r.Before is null));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Compare_NoAfter_EveryFieldIsGone()
    {
        var rows = AuditDiff.Compare("""{"role":"Coach"}""", null);

        Assert.Equal([new AuditDiffRow("role", "Coach", null, true)], rows);
    }

    [Fact]
    public void Compare_NeitherSide_NoRows() => Assert.Empty(AuditDiff.Compare(null, null));

    [Fact]
    public void Compare_TypeChange_IsChangedEvenWithTheSameText()
    {
        var rows = AuditDiff.Compare("""{"n":"1","b":true}""", """{"n":1,"b":"true"}""");

        Assert.True(Row(rows, "n").Changed);
        Assert.True(Row(rows, "b").Changed);
    }

    [Fact]
    public void Compare_ScalarDocuments_UseTheRootPath()
    {
        var rows = AuditDiff.Compare("3", "4");

        Assert.Equal([new AuditDiffRow(AuditDiff.RootPath, "3", "4", true)], rows);
    }
}
