namespace Integry.Sdk.Tests.Conventions;

/// <summary>Every public type lives under <c>Integry.Sdk</c>, never in someone else's namespace.</summary>
public class NamespaceTests
{
    [Test]
    public void Every_public_type_is_in_an_integry_sdk_namespace()
    {
        var offenders = PublicApi.Types
            .Where(type => type.Namespace is not { } ns || !(ns == "Integry.Sdk" || ns.StartsWith("Integry.Sdk.", StringComparison.Ordinal)))
            .Select(type => type.FullName);

        Assert.That(PublicApi.Types, Is.Not.Empty);
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_service_collection_extensions_are_in_the_root_namespace()
    {
        Assert.That(typeof(IntegryServiceCollectionExtensions).Namespace, Is.EqualTo("Integry.Sdk"));
    }
}
