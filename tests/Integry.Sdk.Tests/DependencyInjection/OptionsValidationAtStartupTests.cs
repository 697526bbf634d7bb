using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary>Invalid options fail at start-up with an <see cref="OptionsValidationException"/> listing one message per field.</summary>
public class OptionsValidationAtStartupTests
{
    private static ServiceProvider BuildWithInvalidOptions()
    {
        var services = new ServiceCollection();
        services.AddIntegry(options =>
        {
            options.AppSecret = "secret-without-key";
            options.BaseAddress = new Uri("http://example.test/");
            options.Timeout = TimeSpan.FromSeconds(-5);
        });
        return services.BuildServiceProvider();
    }

    private static void AssertEveryFieldIsListed(OptionsValidationException? exception)
    {
        Assert.That(exception, Is.Not.Null);
        Assert.That(exception!.Failures, Has.Some.Contains("AppKey is required when AppSecret is set"));
        Assert.That(exception.Failures, Has.Some.StartsWith("BaseAddress must use https"));
        Assert.That(exception.Failures, Has.Some.StartsWith("Timeout must be positive"));
        Assert.That(exception.Failures.Any(failure => failure.Contains("secret-without-key", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task Reading_the_options_throws_listing_each_field()
    {
        await using var provider = BuildWithInvalidOptions();

        var exception = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<IntegryClientOptions>>().Value);

        AssertEveryFieldIsListed(exception);
    }

    [Test]
    public async Task The_start_up_validator_throws_listing_each_field()
    {
        await using var provider = BuildWithInvalidOptions();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        AssertEveryFieldIsListed(exception);
    }

    [Test]
    public async Task Resolving_the_client_throws_the_same_validation_failure()
    {
        await using var provider = BuildWithInvalidOptions();

        Assert.That(() => provider.GetRequiredService<IntegryClient>(), Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public async Task Valid_options_pass_start_up_validation()
    {
        var services = new ServiceCollection();
        services.AddIntegry(options =>
        {
            options.AppKey = "key";
            options.AppSecret = "secret";
            options.BaseAddress = new Uri("http://127.0.0.1:5080/");
        });
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
    }
}
