using System.Diagnostics;

namespace Integry.Sdk.Tests.Apps;

/// <summary>
/// Measures what reading the embedded apps.json and checking every entry costs. The figure is written to the test
/// output for the record; time is never asserted, as it depends on the machine.
/// </summary>
public class CatalogStartUpCostTests
{
    [Test]
    public void Reading_and_checking_the_built_in_catalog_is_measured()
    {
        var read = Stopwatch.StartNew();
        var definitions = Integry.Sdk.Apps.BuiltInApps.All.ToArray();
        read.Stop();
        var build = Stopwatch.StartNew();
        var catalog = new AppCatalog(definitions);
        build.Stop();

        TestContext.Out.WriteLine($"apps.json read: {read.Elapsed.TotalMilliseconds:F2} ms; new AppCatalog({definitions.Length} apps): {build.Elapsed.TotalMilliseconds:F2} ms (warm process)");
        Assert.That(catalog.Count, Is.EqualTo(AppCatalog.BuiltIn.Count));
    }
}
