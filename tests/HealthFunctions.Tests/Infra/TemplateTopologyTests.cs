using System.Text.Json;
using System.Text.RegularExpressions;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Messaging;
using HealthFunctions.Settings;
using HealthFunctions.Storage;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>The names, filters and defaults infra/main.bicep shares with the code stay equal to the code's.</summary>
public sealed class TemplateTopologyTests
{
    private static readonly BicepFile Main = BicepFile.Load("main.bicep");
    private static readonly BicepFile ServiceBus = BicepFile.Load("modules", "service-bus.bicep");

    [Fact]
    public void PlaybooksFilter_IsTheFilterTheLocalBusApplies()
    {
        Assert.Equal(SubscriptionFilters.PlaybooksSql, BicepFile.StringValue(Main.Variable("playbooksFilter")));
    }

    [Fact]
    public void PlaybooksSubscription_ReplacesTheDefaultRuleWithTheFilter()
    {
        var rule = Resource(ServiceBus, "playbooksRule");

        Assert.Contains("parent: playbooks", rule, StringComparison.Ordinal);
        Assert.Contains("name: '$Default'", rule, StringComparison.Ordinal);
        Assert.Contains("filterType: 'SqlFilter'", rule, StringComparison.Ordinal);
        Assert.Contains("sqlExpression: playbooksFilter", rule, StringComparison.Ordinal);
        Assert.Matches(@"playbooksFilter:\s*playbooksFilter", Main.Text);
    }

    [Fact]
    public void AlertsSubscription_HasItsOwnFilter_TheLocalBusApplies_AndReplacesTheDefaultRule()
    {
        var rule = Resource(ServiceBus, "alertsRule");

        Assert.Equal(SubscriptionFilters.AlertsSql, BicepFile.StringValue(Main.Variable("alertsFilter")));
        Assert.Contains("parent: alerts", rule, StringComparison.Ordinal);
        Assert.Contains("name: '$Default'", rule, StringComparison.Ordinal);
        Assert.Contains("sqlExpression: alertsFilter", rule, StringComparison.Ordinal);
        Assert.Matches(@"alertsFilter:\s*alertsFilter", Main.Text);
        Assert.Equal(new PipelineOptions().AlertsSubscription, BicepFile.StringValue(Main.Variable("alertsSubscription")));
        var receiver = Resource(ServiceBus, "alertsReceiver");
        Assert.Contains("scope: alerts", receiver, StringComparison.Ordinal);
        Assert.Contains("roleIds.serviceBusDataReceiver", receiver, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicAndSubscriptions_HaveTheNamesTheAppUses()
    {
        var defaults = new PipelineOptions();

        Assert.Equal(defaults.ScoreChangesTopic, BicepFile.StringValue(Main.Variable("scoreChangesTopic")));
        Assert.Equal(defaults.PlaybooksSubscription, BicepFile.StringValue(Main.Variable("playbooksSubscription")));
        Assert.Equal(LocalTopicSender.DownstreamSubscription, BicepFile.StringValue(Main.Variable("downstreamSubscription")));
    }

    [Fact]
    public void Topic_DetectsDuplicates_AndSubscriptionsDeadLetter()
    {
        Assert.Contains("requiresDuplicateDetection: true", Resource(ServiceBus, "topic"), StringComparison.Ordinal);
        var subscription = ServiceBus.Variable("subscriptionProperties");
        Assert.Contains("deadLetteringOnMessageExpiration: true", subscription, StringComparison.Ordinal);
        Assert.Contains("maxDeliveryCount: maxDeliveryCount", subscription, StringComparison.Ordinal);
        Assert.Contains("name: 'Standard'", Resource(ServiceBus, "namespace"), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceBusRoles_AreScopedToTheTopicAndThePlaybooksSubscription()
    {
        var sender = Resource(ServiceBus, "sender");
        var receiver = Resource(ServiceBus, "receiver");

        Assert.Contains("scope: topic", sender, StringComparison.Ordinal);
        Assert.Contains("roleIds.serviceBusDataSender", sender, StringComparison.Ordinal);
        Assert.Contains("scope: playbooks", receiver, StringComparison.Ordinal);
        Assert.Contains("roleIds.serviceBusDataReceiver", receiver, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_AreTheTablesTheAppCreates()
    {
        const string prefix = "p";
        var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = prefix }));

        var expected = names.AllTables.Select(t => t[prefix.Length..]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, BicepFile.StringItems(Main.Variable("tableSuffixes")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Containers_AreTheContainersTheAppCreates()
    {
        const string prefix = "p";
        var names = new TableNames(Options.Create(new PipelineOptions { StoragePrefix = prefix }));

        var expected = names.AllContainers.Select(c => c[(prefix.Length + 1)..]).Order(StringComparer.Ordinal);

        Assert.All(names.AllContainers, c => Assert.StartsWith(prefix + "-", c, StringComparison.Ordinal));
        Assert.Equal(expected, BicepFile.StringItems(Main.Variable("containerSuffixes")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParameterDefaults_AreTheAppDefaults()
    {
        var app = new PipelineOptions();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json")));
        var sampleTolerance = sample.RootElement.GetProperty("Values").GetProperty("HealthFunctions__WebhookToleranceSeconds").GetString();

        Assert.Equal(app.StoragePrefix, BicepFile.StringValue(Main.ParamDefault("storagePrefix")));
        Assert.Equal(app.RescoreParallelism.ToString(), Main.ParamDefault("rescoreParallelism"));
        Assert.Equal(app.MaxDeliveryCount.ToString(), Main.ParamDefault("maxDeliveryCount"));
        Assert.Equal(ScheduleDefaults.Rescore, BicepFile.StringValue(Main.ParamDefault("rescoreSchedule")));
        Assert.Equal(ScheduleDefaults.DirtyRescore, BicepFile.StringValue(Main.ParamDefault("dirtyRescoreSchedule")));
        Assert.Equal(ScheduleDefaults.Dispatch, BicepFile.StringValue(Main.ParamDefault("dispatchSchedule")));
        Assert.Equal(app.DispatchBudgetSeconds.ToString(), Main.ParamDefault("dispatchBudgetSeconds"));
        Assert.Equal(ScheduleDefaults.Jobs, BicepFile.StringValue(Main.ParamDefault("jobsSchedule")));
        Assert.Equal(ScheduleDefaults.Alerts, BicepFile.StringValue(Main.ParamDefault("alertsSchedule")));
        var alerts = new HealthFunctions.Alerts.AlertOptions();
        Assert.Equal(alerts.Attempts.ToString(), Main.ParamDefault("alertAttempts"));
        Assert.Equal(alerts.RetryDelayMilliseconds.ToString(), Main.ParamDefault("alertRetryDelayMilliseconds"));
        Assert.Equal(app.JobTimeoutMinutes.ToString(), Main.ParamDefault("jobTimeoutMinutes"));
        Assert.Equal(app.SignalRetentionDays.ToString(), Main.ParamDefault("signalRetentionDays"));
        Assert.Equal(sampleTolerance, Main.ParamDefault("webhookToleranceSeconds"));
    }

    [Fact]
    public void EveryParameterFile_UsesMainAndSetsTheEnvironment()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "infra"), "main.*.bicepparam");

        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            var text = File.ReadAllText(f);
            var environment = Path.GetFileName(f).Split('.')[1];
            Assert.Contains("using 'main.bicep'", text, StringComparison.Ordinal);
            Assert.Contains($"param environmentName = '{environment}'", text, StringComparison.Ordinal);
        });
    }

    // The body of `resource symbol '...' = { ... }` (up to the first line that is a lone closing brace).
    private static string Resource(BicepFile file, string symbol)
    {
        var match = Regex.Match(file.Text, $@"^resource {Regex.Escape(symbol)} '[^']+' = (?:if \([^\n]*\) )?\{{(?<body>[\s\S]*?)^\}}", RegexOptions.Multiline);
        Assert.True(match.Success, $"{file.Path} declares no resource '{symbol}'.");
        return match.Groups["body"].Value;
    }
}
