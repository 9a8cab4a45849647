using System.Text.Json;
using HealthFunctions.Access;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// The app roles deploy.sh puts on the app registration (infra/app-roles.json) are the roles the app checks, and
/// deploy.sh makes "assignment required" true, so only assigned people, groups and applications sign in.
/// </summary>
public sealed class AppRolesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void AppRolesFile_DeclaresExactlyTheRolesTheAppChecks_WithFixedIds_ForUsersAndApplications()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "app-roles.json")));
        var list = roles.RootElement.EnumerateArray().ToList();

        Assert.Equal(AppRoles.All, list.Select(r => r.GetProperty("value").GetString()));
        Assert.All(list, r =>
        {
            Assert.True(Guid.TryParse(r.GetProperty("id").GetString(), out _));
            Assert.True(r.GetProperty("isEnabled").GetBoolean());
            Assert.Equal(["User", "Application"], r.GetProperty("allowedMemberTypes").EnumerateArray().Select(t => t.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("description").GetString()));
        });
        Assert.Equal(list.Count, list.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public void DeployScript_PutsTheRolesOnTheRegistration_AndRequiresAssignment()
    {
        var script = File.ReadAllText(Path.Combine(Root, "scripts", "deploy.sh"));

        Assert.Contains("az ad app update --id \"$HF_AUTH_CLIENT_ID\" --app-roles \"@$ROOT/infra/app-roles.json\"", script, StringComparison.Ordinal);
        Assert.Contains("--set appRoleAssignmentRequired=true", script, StringComparison.Ordinal);
        Assert.Contains("--query appRoleAssignmentRequired", script, StringComparison.Ordinal); // and checks it took
        Assert.Contains("configure_app_roles; }", script, StringComparison.Ordinal);
    }
}
