namespace Integry.Sdk.Tests.Credentials;

public class CredentialToStringNeverShowsTheSecretTests
{
    private static IEnumerable<TestCaseData> Credentials()
    {
        yield return new TestCaseData(new Credential.BearerToken("bearer-SECRET-1", DateTimeOffset.UnixEpoch) { ConnectedAccountId = "42" }, new[] { "bearer-SECRET-1" }).SetName("Bearer token");
        yield return new TestCaseData(new Credential.ApiKey("apikey-SECRET-2") { ConnectedAccountId = "42" }, new[] { "apikey-SECRET-2" }).SetName("API key");
        yield return new TestCaseData(new Credential.Basic("basic-user-SECRET", "basic-password-SECRET-3") { ConnectedAccountId = "42" }, new[] { "basic-password-SECRET-3", "basic-user-SECRET" }).SetName("Basic");
        yield return new TestCaseData(
            new Credential.Custom
            {
                ConnectedAccountId = "42",
                Headers = new Dictionary<string, string> { ["X-Auth"] = "header-SECRET-4" },
                QueryParameters = new Dictionary<string, string> { ["sig"] = "query-SECRET-5" },
            },
            new[] { "header-SECRET-4", "query-SECRET-5" }).SetName("Custom headers and query");
    }

    [TestCaseSource(nameof(Credentials))]
    public void To_string_names_the_kind_and_account_but_not_the_secret(Credential credential, string[] secrets)
    {
        var printed = new[] { credential.ToString(), $"{credential}", new[] { credential }.Single().ToString(), new { credential }.ToString() };

        using (Assert.EnterMultipleScope())
        {
            foreach (var secret in secrets)
            {
                Assert.That(printed, Has.None.Contains(secret));
            }

            Assert.That(credential.ToString(), Does.Contain(credential.GetType().Name).And.Contain("42").And.Contain("redacted"));
        }
    }

    [Test]
    public void A_credential_without_an_account_says_so()
    {
        Assert.That(new Credential.ApiKey("k").ToString(), Is.EqualTo("ApiKey { ConnectedAccountId = (none), value redacted }"));
    }

    [Test]
    public void Credentials_refuse_empty_secrets_and_a_colon_in_a_basic_user_name()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => new Credential.BearerToken(" "), Throws.ArgumentException);
            Assert.That(() => new Credential.ApiKey(""), Throws.ArgumentException);
            Assert.That(() => new Credential.Basic("", "pw"), Throws.ArgumentException);
            Assert.That(() => new Credential.Basic("a:b", "pw"), Throws.ArgumentException.With.Message.Contains("':'"));
            Assert.That(() => new Credential.Basic("user", ""), Throws.Nothing, "a Basic password may be empty");
        }
    }
}
