namespace Integry.Sdk.Tests.Apps;

public class InvalidAppDefinitionsAreRejectedTests
{
    private static AppDefinition Valid => new()
    {
        Slug = "acme",
        DisplayName = "Acme",
        Hosts = ["api.acme.example"],
        BaseUrl = "https://api.acme.example/v1/",
    };

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return Case("upper-case slug", Valid with { Slug = "Acme" }, "App slug 'Acme' is not valid: use lower-case letters, digits, '-', '_' or '.', as Integry names apps.");
        yield return Case("slug with a space", Valid with { Slug = "ac me" }, "App slug 'ac me' is not valid");
        yield return Case("slug starting with a dash", Valid with { Slug = "-acme" }, "App slug '-acme' is not valid");
        yield return Case("empty slug", Valid with { Slug = "" }, "App slug '' is not valid");
        yield return Case("no display name", Valid with { DisplayName = " " }, "App 'acme' needs a display name.");
        yield return Case("no hosts", Valid with { Hosts = [] }, "App 'acme' lists no hosts: a credential may only go to the app's own hosts.");
        yield return Case("empty host", Valid with { Hosts = ["api.acme.example", " "] }, "App 'acme' has an empty host.");
        yield return Case("wildcard over a top-level domain", Valid with { Hosts = ["*.com"], BaseUrl = null }, "App 'acme' has a host pattern '*.com' that is too broad: a wildcard needs one company's domain under it, not a public suffix.");
        yield return Case("wildcard over a public suffix", Valid with { Hosts = ["*.co.uk"], BaseUrl = null }, "App 'acme' has a host pattern '*.co.uk' that is too broad");
        yield return Case("bare wildcard", Valid with { Hosts = ["*"], BaseUrl = null }, "App 'acme' has an invalid host '*'");
        yield return Case("host with a path", Valid with { Hosts = ["api.acme.example/v1"], BaseUrl = null }, "App 'acme' has an invalid host 'api.acme.example/v1'");
        yield return Case("host with an invalid port", Valid with { Hosts = ["api.acme.example:99999"], BaseUrl = null }, "App 'acme' has a host 'api.acme.example:99999' with an invalid port");
        yield return Case("host with an empty port", Valid with { Hosts = ["api.acme.example:"], BaseUrl = null }, "App 'acme' has a host 'api.acme.example:' with an invalid port");
        yield return Case("base URL on another port than its host's", Valid with { Hosts = ["api.acme.example:8443"], BaseUrl = "https://api.acme.example:9443/v1/" }, "App 'acme' has a base URL 'https://api.acme.example:9443/v1/' whose port is not the port its host entry names.");
        yield return Case("template without a fixed domain", Valid with { Hosts = ["{tenant}"], BaseUrl = null }, "App 'acme' has a host template '{tenant}' that does not end in a fixed domain such as '{subdomain}.example.com'.");
        yield return Case("template over a top-level domain", Valid with { Hosts = ["{tenant}.com"], BaseUrl = null }, "App 'acme' has a host template '{tenant}.com' that does not end in a fixed domain");
        yield return Case("template in the domain", Valid with { Hosts = ["www.zohoapis.{dc}"], BaseUrl = null }, "App 'acme' has a host template 'www.zohoapis.{dc}' that does not end in a fixed domain");
        yield return Case("IP host without AllowLocalNetwork", Valid with { Hosts = ["127.0.0.1"], BaseUrl = null }, "App 'acme' has an invalid host '127.0.0.1'");
        yield return Case("base URL on a foreign host", Valid with { BaseUrl = "https://evil.example/v1/" }, "App 'acme' has a base URL 'https://evil.example/v1/' whose host is not one of its hosts.");
        yield return Case("http base URL without AllowLocalNetwork", Valid with { BaseUrl = "http://api.acme.example/v1/" }, "App 'acme' has an invalid base URL 'http://api.acme.example/v1/': it must be an absolute https URL without query or fragment.");
        yield return Case("relative base URL", Valid with { BaseUrl = "/v1/" }, "App 'acme' has an invalid base URL '/v1/'");
        yield return Case("base URL with a query", Valid with { BaseUrl = "https://api.acme.example/v1/?key=1" }, "App 'acme' has an invalid base URL");
        yield return Case("base URL with user info", Valid with { BaseUrl = "https://u:p@api.acme.example/v1/" }, "App 'acme' has an invalid base URL");
    }

    [TestCaseSource(nameof(Invalid))]
    public void The_catalog_refuses_it_with_a_message_that_says_why(AppDefinition app, string expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => new AppCatalog([app]), Throws.ArgumentException.With.Message.StartsWith(expected));
            Assert.That(() => AppCatalog.BuiltIn.With([app]), Throws.ArgumentException.With.Message.StartsWith(expected));
        }
    }

    [Test]
    public void An_executor_with_an_invalid_app_in_its_options_refuses_to_start_and_names_the_problem()
    {
        var options = new PassthroughOptions();
        options.Apps.Add(Valid with { Hosts = ["*.com"], BaseUrl = null });

        Assert.That(
            () => new PassthroughExecutor(new InMemoryCredentialProvider(), options),
            Throws.ArgumentException.With.Message.Contains("PassthroughOptions are not valid").And.Message.Contains("'*.com' that is too broad"));
    }

    [Test]
    public void Local_hosts_and_http_are_allowed_only_for_an_app_that_allows_the_local_network()
    {
        var local = Valid with { Hosts = ["127.0.0.1", "localhost"], BaseUrl = "http://127.0.0.1/v1/", AllowLocalNetwork = true };

        Assert.That(() => new AppCatalog([local]), Throws.Nothing);
    }

    [Test]
    public void Wildcards_and_templates_under_a_real_domain_are_accepted()
    {
        var app = Valid with { Hosts = ["*.acme.example", "{tenant}.eu.acme.example"], BaseUrl = "https://{tenant}.eu.acme.example/api/" };

        Assert.That(new AppCatalog([app]).Count, Is.EqualTo(1));
    }

    [Test]
    public void A_placement_format_must_contain_the_value_token()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => CredentialPlacement.Header("Authorization", "Bearer"), Throws.ArgumentException.With.Message.Contains("{value}"));
            Assert.That(() => CredentialPlacement.Header(" "), Throws.ArgumentException);
            Assert.That(() => CredentialPlacement.Query(""), Throws.ArgumentException);
        }
    }

    private static TestCaseData Case(string name, AppDefinition app, string expected) => new TestCaseData(app, expected).SetName("Refused: " + name);
}
