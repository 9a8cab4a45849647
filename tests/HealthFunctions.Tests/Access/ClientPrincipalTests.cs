using System.Text;
using HealthFunctions.Access;
using Xunit;

namespace HealthFunctions.Tests.Access;

/// <summary>The X-MS-CLIENT-PRINCIPAL header, in the shape App Service authentication documents, read into a principal.</summary>
public sealed class ClientPrincipalTests
{
    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void DocumentedShape_GivesNameObjectIdAndRoles_FromTheTypesItNames()
    {
        var header = Base64("""
            {"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"roles",
             "claims":[
              {"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","val":"alice@contoso.com"},
              {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0f8fad5b-d9cb-469f-a165-70867728950e"},
              {"typ":"roles","val":"csm"},{"typ":"roles","val":"reader"},{"typ":"groups","val":"admin"}]}
            """);

        var p = ClientPrincipal.Parse(header);

        Assert.Equal("alice@contoso.com", p.Name);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", p.ObjectId);
        Assert.Equal(["csm", "reader"], p.Roles); // a group named "admin" is not a role
        Assert.True(p.Has("CSM"));
        Assert.False(p.Has("admin"));
    }

    [Fact]
    public void ShortClaimTypes_AndARoleTypeOfItsOwn_AreRead()
    {
        var p = ClientPrincipal.Parse(Base64("""
            {"auth_typ":"aad","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"preferred_username","val":"bob@contoso.com"},{"typ":"oid","val":"oid-1"},
              {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"admin"}]}
            """));

        Assert.Equal(("bob@contoso.com", "oid-1"), (p.Name, p.ObjectId));
        Assert.Equal(["admin"], p.Roles);
    }

    [Fact]
    public void EncodedByTheTests_ReadsBackTheSame()
    {
        var p = ClientPrincipal.Parse(ClientPrincipal.Encode("carol@contoso.com", "oid-2", ["reader", "admin"]));

        Assert.Equal(("carol@contoso.com", "oid-2"), (p.Name, p.ObjectId));
        Assert.Equal(["reader", "admin"], p.Roles);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")] // {"auth_typ":"aad"}: no claims
    public void UnreadableHeader_IsAFormatException(string header)
    {
        Assert.Throws<FormatException>(() => ClientPrincipal.Parse(header));
    }

    [Fact]
    public void BodyAuthor_OnlyAddsANote_NeverReplacesTheSignedInName()
    {
        var alice = new Principal("alice@contoso.com", "oid-a", ["csm"]);

        Assert.Equal("alice@contoso.com", alice.AuthorWithNote(null));
        Assert.Equal("alice@contoso.com", alice.AuthorWithNote("ALICE@contoso.com"));
        Assert.Equal("alice@contoso.com (note: ceo@contoso.com)", alice.AuthorWithNote("ceo@contoso.com"));
        Assert.Equal("local (note: dana)", Principal.Local.AuthorWithNote("dana"));
    }
}
