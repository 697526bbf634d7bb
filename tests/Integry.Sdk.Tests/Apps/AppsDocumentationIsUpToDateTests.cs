using System.Text.RegularExpressions;

namespace Integry.Sdk.Tests.Apps;

/// <summary>
/// docs/apps.md is generated from apps.json by tools/generate-apps-doc.py; these tests read it back and compare it with
/// the built-in catalog, so a change to apps.json without regenerating the page fails the build.
/// </summary>
public partial class AppsDocumentationIsUpToDateTests
{
    private static string ReadAppsPage()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var page = Path.Combine(directory.FullName, "docs", "apps.md");
            if (File.Exists(page) && File.Exists(Path.Combine(directory.FullName, "src", "Integry.Sdk", "Apps", "apps.json")))
            {
                return File.ReadAllText(page);
            }
        }

        throw new FileNotFoundException("docs/apps.md was not found above the test directory.");
    }

    /// <summary>The rows of the "All apps" table: slug, hosts.</summary>
    private static Dictionary<string, string[]> AllAppsRows(string page)
    {
        var section = page[page.IndexOf("## All apps", StringComparison.Ordinal)..];
        return RowRegex().Matches(section).ToDictionary(
            match => match.Groups["slug"].Value,
            match => match.Groups["hosts"].Value.Split("<br>").Select(host => host.Trim('`')).ToArray(),
            StringComparer.Ordinal);
    }

    [Test]
    public void The_page_states_the_number_of_apps_in_the_catalog()
    {
        var page = ReadAppsPage();

        Assert.That(CountRegex().Match(page).Groups["count"].Value, Is.EqualTo(AppCatalog.BuiltIn.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "docs/apps.md is out of date: run python3 tools/generate-apps-doc.py");
    }

    [Test]
    public void The_page_lists_every_app_of_the_catalog_with_its_hosts_and_no_other()
    {
        var rows = AllAppsRows(ReadAppsPage());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Keys, Is.EqualTo(AppCatalog.BuiltIn.Apps.Select(app => app.Slug)), "docs/apps.md is out of date: run python3 tools/generate-apps-doc.py");
            foreach (var app in AppCatalog.BuiltIn.Apps)
            {
                Assert.That(rows.GetValueOrDefault(app.Slug), Is.EqualTo(app.Hosts), $"{app.Slug}: hosts in docs/apps.md");
            }
        }
    }

    [Test]
    public void The_page_lists_every_app_Integry_documents()
    {
        var page = ReadAppsPage();
        var integrySection = page[page.IndexOf("## Apps Integry documents", StringComparison.Ordinal)..page.IndexOf("## All apps", StringComparison.Ordinal)];

        using (Assert.EnterMultipleScope())
        {
            foreach (var slug in BuiltInCatalogSamples.IntegryDocumentedSlugs.Where(slug => slug != "4me"))
            {
                Assert.That(integrySection, Does.Contain($"| `{slug}` |"), slug);
            }

            Assert.That(integrySection, Does.Contain("**FTP**").And.Contain("**Sendy**"), "the apps left out are named with the reason");
        }
    }

    [GeneratedRegex(@"knows \*\*(?<count>\d+) apps\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex CountRegex();

    [GeneratedRegex(@"^\| `(?<slug>[^`]+)` \| [^|]+ \| (?<hosts>[^|]+) \|", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex RowRegex();
}
