using System.Net;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Apps;

/// <summary>The built-in catalog covers Integry's breadth: 200+ apps, every app Integry documents, each well formed.</summary>
public class BuiltInCatalogHasIntegrysBreadthTests
{
    private static readonly string[] KnownSchemes = ["Bearer {value}", "{value}", "Token token={value}", "Zoho-oauthtoken {value}"];

    [Test]
    public void The_built_in_catalog_has_at_least_200_apps_with_unique_slugs()
    {
        // The file as written: AppCatalog keys apps by slug, so a duplicate would not show there.
        var slugs = Integry.Sdk.Apps.BuiltInApps.All.Select(app => app.Slug).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(AppCatalog.BuiltIn.Count, Is.GreaterThanOrEqualTo(200));
            Assert.That(slugs.Select(slug => slug.ToUpperInvariant()), Is.Unique, "slugs are looked up case-insensitively");
            Assert.That(AppCatalog.BuiltIn.Apps.Select(app => app.DisplayName), Is.Unique);
        }
    }

    [Test]
    public void Every_app_Integry_documents_is_in_the_catalog()
    {
        var slugs = AppCatalog.BuiltIn.Apps.Select(app => app.Slug).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(BuiltInCatalogSamples.IntegryDocumentedSlugs, Is.Unique);
            Assert.That(BuiltInCatalogSamples.IntegryDocumentedSlugs, Has.Count.EqualTo(84), "Integry's 84 listed apps, less FTP and Sendy, plus 4me");
            Assert.That(slugs, Is.SupersetOf(BuiltInCatalogSamples.IntegryDocumentedSlugs));
        }
    }

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public void Each_host_is_a_dns_name_a_sub_domain_wildcard_or_a_template_under_a_fixed_domain(AppDefinition app)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Slug, Does.Match("^[a-z0-9][a-z0-9._-]*$"));
            Assert.That(app.Hosts, Is.Unique);
            foreach (var host in app.Hosts)
            {
                var pattern = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                Assert.That(host, Is.EqualTo(host.ToLowerInvariant()), "hosts are written lower case");
                Assert.That(IPAddress.TryParse(BuiltInCatalogSamples.Fill(pattern).Trim('[', ']'), out _), Is.False, $"{host}: no address literals in a public app");
                Assert.That(BuiltInCatalogSamples.Fill(pattern), Does.Match(BuiltInCatalogSamples.DnsNameRegex()), $"{host}: a DNS name of two or more labels once filled");
                if (host.Contains('{', StringComparison.Ordinal))
                {
                    Assert.That(host, Does.Not.StartWith("*."), $"{host}: a template is not also a wildcard");
                    Assert.That(pattern[(pattern.LastIndexOf('}') + 1)..], Does.Match(BuiltInCatalogSamples.FixedDomainRegex()), $"{host}: a template needs a fixed domain after its variables");
                    Assert.That(BuiltInCatalogSamples.VariableRegex().Replace(pattern, string.Empty), Does.Not.Contain("{").And.Not.Contain("}"), $"{host}: variables are lower-case names");
                }
            }
        }
    }

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public void Each_base_url_is_absolute_https_on_one_of_the_apps_hosts(AppDefinition app)
    {
        Assert.That(app.BaseUrl, Is.Not.Null, "every built-in app resolves relative URLs");
        var baseUrl = new Uri(BuiltInCatalogSamples.Fill(app.BaseUrl!), UriKind.Absolute);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(baseUrl.Scheme, Is.EqualTo(Uri.UriSchemeHttps));
            Assert.That(baseUrl.IsDefaultPort, Is.True);
            Assert.That(baseUrl.Query, Is.Empty);
            Assert.That(baseUrl.Fragment, Is.Empty);
            Assert.That(baseUrl.UserInfo, Is.Empty);
            Assert.That(baseUrl.AbsolutePath, Does.EndWith("/"), "a base URL ends with '/' so relative paths are appended, not swapped");
            Assert.That(BuiltInCatalogSamples.IsOwnHost(app, baseUrl.Host), Is.True, $"{baseUrl.Host} is one of {string.Join(", ", app.Hosts)}");
        }
    }

    [TestCaseSource(typeof(BuiltInCatalogSamples), nameof(BuiltInCatalogSamples.Apps))]
    public void Each_credential_placement_is_a_known_kind(AppDefinition app)
    {
        var placements = new[] { app.BearerTokenPlacement, app.ApiKeyPlacement }.OfType<CredentialPlacement>().ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(placements.Length > 0 || app.AcceptsBasic, Is.True, "the app takes a bearer token, an API key or basic credentials");
            foreach (var placement in placements)
            {
                Assert.That(placement.Location, Is.AnyOf(CredentialLocation.Header, CredentialLocation.Query, CredentialLocation.JsonBody));
                Assert.That(placement.Name, Does.Match("^[A-Za-z0-9_-]+$"), "a plain header or query parameter name");
                Assert.That(placement.Format, Does.Contain(CredentialPlacement.ValueToken));
                if (placement.Location == CredentialLocation.Query)
                {
                    Assert.That(placement.Format, Is.EqualTo(CredentialPlacement.ValueToken), "a query credential is the bare value");
                }

                if (string.Equals(placement.Name, "Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.That(placement.Format, Does.Match(@"^([A-Za-z0-9-]+ |Token token=)?\{value\}$"), "an Authorization header is '<scheme> {value}' or the bare value");
                }
            }

            if (app.BearerTokenPlacement is { } bearer && bearer.Location == CredentialLocation.Header && string.Equals(bearer.Name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                Assert.That(bearer.Format, Is.AnyOf(KnownSchemes).Or.Match(@"^[A-Za-z0-9-]+ \{value\}$"));
            }
        }
    }

    [Test]
    public async Task Every_app_lists_its_passthrough_function_locally()
    {
        using var host = PassthroughTestHost.Create();

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough);

        var names = functions.Select(function => function.Name).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.EqualTo(AppCatalog.BuiltIn.Apps.Select(app => app.Slug + "-passthrough-request")));
            Assert.That(names, Has.Length.GreaterThanOrEqualTo(200));
            Assert.That(names, Is.SupersetOf(BuiltInCatalogSamples.IntegryDocumentedSlugs.Select(slug => slug + "-passthrough-request")));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [TestCase("zoho-crm", "www.zohoapis.com", "www.zohoapis.eu", "www.zohoapis.in", "www.zohoapis.com.au", "www.zohoapis.jp")]
    [TestCase("accelo", "{deployment}.api.accelo.com")]
    [TestCase("salesforce", "{instance}.my.salesforce.com")]
    [TestCase("freshdesk", "{subdomain}.freshdesk.com")]
    [TestCase("mailchimp", "{dc}.api.mailchimp.com")]
    public void Tenant_and_regional_hosts_are_in_place(string slug, params string[] hosts)
    {
        Assert.That(AppCatalog.BuiltIn.TryGetApp(slug, out var app), Is.True);
        Assert.That(app!.Hosts, Is.SupersetOf(hosts));
    }
}
