using System.Text.RegularExpressions;

namespace Integry.Sdk.Tests.Apps;

public class BuiltInAppsAreValidTests
{
    private static IEnumerable<AppDefinition> BuiltIn() => AppCatalog.BuiltIn.Apps;

    [Test]
    public void The_catalog_file_lists_each_app_once_in_slug_order()
    {
        // The file as written, not AppCatalog.Apps: the catalog keys apps by slug (a duplicate would silently replace the
        // first) and sorts them, so only the file can show a duplicate or a misplaced entry.
        var slugs = Integry.Sdk.Apps.BuiltInApps.All.Select(app => app.Slug).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slugs, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(slugs.Select(slug => slug.ToUpperInvariant()), Is.Unique, "slugs are looked up case-insensitively");
            Assert.That(slugs, Is.SupersetOf(new[] { "slack", "pipedrive", "hubspot", "github", "salesforce", "zendesk", "notion" }));
            Assert.That(AppCatalog.BuiltIn.Count, Is.EqualTo(slugs.Length), "every entry of the file is in the catalog");
        }
    }

    [TestCaseSource(nameof(BuiltIn))]
    public void Each_built_in_app_is_well_formed(AppDefinition app)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Slug, Does.Match("^[a-z0-9][a-z0-9._-]*$"));
            Assert.That(app.DisplayName, Is.Not.Empty);
            Assert.That(app.FunctionName, Is.EqualTo(app.Slug + "-passthrough-request"));
            Assert.That(app.Hosts, Is.Not.Empty);
            Assert.That(app.AllowLocalNetwork, Is.False, "no public app may reach the local network");
            Assert.That(app.BearerTokenPlacement is not null || app.ApiKeyPlacement is not null || app.AcceptsBasic, Is.True, "the app takes some credential");
            if (app.BaseUrl is { } baseUrl)
            {
                Assert.That(baseUrl, Does.StartWith("https://").And.EndWith("/"));
                var host = new Uri(Regex.Replace(baseUrl, @"\{[a-z_]+\}", "tenant")).Host;
                var samples = app.Hosts.Select(pattern => Regex.Replace(pattern, @"\{[a-z_]+\}", "tenant"));
                Assert.That(samples.Any(pattern => pattern == host || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal))), Is.True, $"the base URL's host {host} is one of the app's hosts");
            }
        }
    }

    [Test]
    public void The_documented_credential_placements_are_in_place()
    {
        var catalog = AppCatalog.BuiltIn;
        Assert.That(catalog.TryGetApp("pipedrive", out var pipedrive), Is.True);
        Assert.That(catalog.TryGetApp("salesforce", out var salesforce), Is.True);
        Assert.That(catalog.TryGetApp("zendesk", out var zendesk), Is.True);
        Assert.That(catalog.TryGetApp("notion", out var notion), Is.True);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pipedrive!.ApiKeyPlacement, Is.EqualTo(CredentialPlacement.Header("x-api-token")));
            Assert.That(salesforce!.ApiKeyPlacement, Is.Null);
            Assert.That(salesforce.Hosts, Is.EqualTo(new[] { "{instance}.my.salesforce.com" }));
            Assert.That(zendesk!.AcceptsBasic, Is.True);
            Assert.That(zendesk.BaseUrl, Is.EqualTo("https://{subdomain}.zendesk.com/api/v2/"));
            Assert.That(notion!.DefaultHeaders["notion-version"], Is.EqualTo("2022-06-28"));
            Assert.That(CredentialPlacement.AuthorizationBearer.Format, Is.EqualTo("Bearer {value}"));
            Assert.That(CredentialPlacement.Query("api_token").Location, Is.EqualTo(CredentialLocation.Query));
        }
    }

    [Test]
    public void Slugs_are_looked_up_case_insensitively()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(AppCatalog.BuiltIn.TryGetApp("SLACK", out var slack), Is.True);
            Assert.That(slack?.Slug, Is.EqualTo("slack"));
            Assert.That(AppCatalog.BuiltIn.TryGetApp("nosuchapp", out var none), Is.False);
            Assert.That(none, Is.Null);
        }
    }
}
