using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

public sealed class TableKeyRulesTests
{
    public static TheoryData<string> ForbiddenKeys() =>
    [
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "nul\0", "del\u007F", "c1\u0085", "line\nbreak", new string('k', 1025),
        new string('é', 513),
    ];

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public void KeysTheServiceRefuses_AreInvalid_AndSaySo(string key)
    {
        Assert.False(TableKeyRules.IsValid(key));
        Assert.NotNull(TableKeyRules.Problem(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("O'Brien 100% + ü 🚀")]
    public void AllowedKeys_AreValid(string key)
    {
        Assert.True(TableKeyRules.IsValid(key));
        Assert.Null(TableKeyRules.Problem(key));
    }

    [Fact]
    public void Length_IsCountedInUtf8Bytes_UpToOneKibibyte()
    {
        Assert.True(TableKeyRules.IsValid(new string('k', 1024)));
        Assert.True(TableKeyRules.IsValid(new string('é', 512)));
        Assert.False(TableKeyRules.IsValid(null));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("tab\there")]
    [InlineData("c1\u0085")]
    public void AccountIds_ThatTableKeysForbid_AreRefusedBeforeAnyRequest(string accountId)
    {
        Assert.Contains("control characters", SignalParser.AccountIdProblem(accountId), StringComparison.Ordinal);
    }
}
