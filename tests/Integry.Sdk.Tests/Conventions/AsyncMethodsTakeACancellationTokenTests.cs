namespace Integry.Sdk.Tests.Conventions;

/// <summary>Every public async method, on classes and on extension-point interfaces, ends with a <see cref="CancellationToken"/>.</summary>
public class AsyncMethodsTakeACancellationTokenTests
{
    [Test]
    public void Every_public_async_method_has_a_cancellation_token_as_its_last_parameter()
    {
        var asyncMethods = PublicApi.Types
            .SelectMany(PublicApi.DeclaredPublicMethods)
            .Where(PublicApi.IsAsync)
            .Where(method => method.Name != nameof(IAsyncDisposable.DisposeAsync))
            .ToList();

        var offenders = asyncMethods.Where(method => !PublicApi.EndsWithCancellationToken(method)).Select(PublicApi.Describe);

        Assert.That(asyncMethods.Select(method => method.Name), Does.Contain(nameof(IntegryClient.InvokeFunctionAsync)).And.Contain(nameof(IntegryClient.EnumerateFunctionsAsync)));
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_async_method_of_a_public_interface_ends_with_a_cancellation_token()
    {
        var interfaces = PublicApi.Types.Where(type => type.IsInterface).ToList();
        var offenders = interfaces
            .SelectMany(PublicApi.DeclaredPublicMethods)
            .Where(PublicApi.IsAsync)
            .Where(method => !PublicApi.EndsWithCancellationToken(method))
            .Select(PublicApi.Describe);

        Assert.That(interfaces, Is.Not.Empty);
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_cancellation_token_of_every_public_async_method_is_optional()
    {
        var offenders = PublicApi.Types
            .SelectMany(PublicApi.DeclaredPublicMethods)
            .Where(PublicApi.IsAsync)
            .Where(PublicApi.EndsWithCancellationToken)
            .Where(method => !method.GetParameters()[^1].HasDefaultValue)
            .Select(PublicApi.Describe);

        Assert.That(offenders, Is.Empty);
    }
}
