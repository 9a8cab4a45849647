using HealthFunctions.Storage.Tables;
using Xunit;

namespace HealthFunctions.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Equal_WithQuotesInValue_DoublesThem()
    {
        Assert.Equal("PartitionKey eq 'O''Brien ''x'''", TableFilter.Equal("PartitionKey", "O'Brien 'x'"));
    }

    [Fact]
    public void Comparisons_FormatEachTypeAsItsODataLiteral()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("N eq 5", TableFilter.Equal("N", 5));
        Assert.Equal("N gt 5L", TableFilter.GreaterThan("N", 5L));
        Assert.Equal("D le 2.0", TableFilter.LessThanOrEqual("D", 2.0));
        Assert.Equal("D lt 0.25", TableFilter.LessThan("D", 0.25));
        Assert.Equal("B ne true", TableFilter.NotEqual("B", true));
        Assert.Equal("G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'", TableFilter.Equal("G", id));
        Assert.Equal("T ge datetime'2025-01-02T01:04:05.0000000Z'",
            TableFilter.GreaterThanOrEqual("T", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void AndOrNot_ParenthesiseTheirOperands()
    {
        var filter = TableFilter.And(TableFilter.Equal("A", 1), TableFilter.Or(TableFilter.Equal("B", "x"), TableFilter.Not(TableFilter.Equal("C", true))));

        Assert.Equal("(A eq 1) and ((B eq 'x') or (not (C eq true)))", filter);
    }

    [Theory]
    [InlineData("A or 1 eq 1")]
    [InlineData("")]
    [InlineData("Name'")]
    public void Comparison_WithInvalidPropertyName_Throws(string property)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Equal(property, "x"));
    }

    [Fact]
    public void Comparison_WithNaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TableFilter.Equal("D", double.NaN));
    }
}
