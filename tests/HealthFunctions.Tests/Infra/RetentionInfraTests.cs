using System.Text.Json;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using Microsoft.Extensions.Options;
using Xunit;
using static HealthFunctions.Tests.Infra.DeploymentSnapshot;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Retention in infra/ (issue #19): the data account's lifecycle rules remove archived webhook bodies and job files, and
/// the template's retention, cleanup and job-queue defaults are the app's.
/// </summary>
public sealed class RetentionInfraTests
{
    private static readonly BicepFile Main = BicepFile.Load("main.bicep");

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task DataAccount_HasLifecycleRules_ForTheWebhookArchiveAndTheJobFiles(string parameterFile)
    {
        var snapshot = (await InfraBuild.GetAsync()).Snapshot(parameterFile);
        var names = new TableNames(Options.Create(new PipelineOptions()));
        var policy = snapshot.Single("Microsoft.Storage/storageAccounts/managementPolicies");

        var rules = At(policy, "policy", "rules")!.Value.EnumerateArray().ToDictionary(
            r => r.GetProperty("definition").GetProperty("filters").GetProperty("prefixMatch")[0].GetString()!,
            r => r.GetProperty("definition").GetProperty("actions").GetProperty("baseBlob"));

        Assert.Equal([names.JobFiles + "/", names.WebhookArchive + "/"], rules.Keys.Order(StringComparer.Ordinal));
        var archive = rules[names.WebhookArchive + "/"];
        var cool = Days(archive, "tierToCool");
        var delete = Days(archive, "delete");
        Assert.True(cool is > 0 && delete >= cool + 30, $"cool {cool}, delete {delete}");
        Assert.True(delete >= SignalState.LiveDays, "a replay of archived days reaches back the live window");
        Assert.False(rules[names.JobFiles + "/"].TryGetProperty("tierToCool", out _));
        Assert.Equal(new PipelineOptions().JobRetentionDays, Days(rules[names.JobFiles + "/"], "delete"));
        Assert.All(snapshot.OfType("Microsoft.Storage/storageAccounts"), a =>
            Assert.True(snapshot.Children(a, "Microsoft.Storage/storageAccounts/managementPolicies").Any()
                == snapshot.Children(a, "Microsoft.Storage/storageAccounts/blobServices/containers").Any(c => Name(c).EndsWith("/" + names.WebhookArchive, StringComparison.Ordinal))));
    }

    [Fact]
    public void RetentionCleanupAndQueueDefaults_AreTheAppDefaults_AndParkedDeliveriesNeverOutliveTheirArchivedBodies()
    {
        var app = new PipelineOptions();

        Assert.Equal(ScheduleDefaults.Cleanup, BicepFile.StringValue(Main.ParamDefault("cleanupSchedule")));
        Assert.Equal(app.JobRetentionDays.ToString(), Main.ParamDefault("jobRetentionDays"));
        Assert.Equal(app.ParkedRetentionDays.ToString(), Main.ParamDefault("parkedRetentionDays"));
        Assert.Equal(app.AuditRetentionDays.ToString(), Main.ParamDefault("auditRetentionDays"));
        Assert.Equal(app.MaxQueuedJobsPerKind.ToString(), Main.ParamDefault("maxQueuedJobsPerKind"));
        Assert.True(app.ParkedRetentionDays <= int.Parse(Main.ParamDefault("webhookArchiveRetentionDays")));
    }

    private static int Days(JsonElement actions, string action) =>
        actions.GetProperty(action).GetProperty("daysAfterModificationGreaterThan").GetInt32();
}
