using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary>A credential provider with scoped dependencies works: it is resolved in a new DI scope per lookup, which is disposed after.</summary>
public class ScopedCredentialProviderTests
{
    [Test]
    public async Task A_provider_with_a_scoped_dependency_gets_a_fresh_scope_per_call_and_the_scope_is_disposed()
    {
        using var slack = SlackExpectingTwoCalls();
        var services = new ServiceCollection();
        services.AddScoped<UnitOfWork>();
        services.AddIntegry(options => options.UserId = "user-1").AddLocalPassthrough().AddCredentialProvider<ScopedTokenStore>()
            .PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => slack);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<IntegryClient>();

        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        slack.VerifyNoOutstandingExpectation();
        Assert.That(UnitOfWork.Created, Has.Count.EqualTo(2));
        Assert.That(UnitOfWork.Created.Select(unit => unit.Disposed), Is.All.True);
        Assert.That(UnitOfWork.Created[0], Is.Not.SameAs(UnitOfWork.Created[1]));
    }

    [Test]
    public async Task A_factory_runs_in_the_scope_with_its_services()
    {
        using var slack = SlackExpectingTwoCalls();
        var services = new ServiceCollection();
        services.AddScoped<UnitOfWork>();
        var built = 0;
        services.AddIntegry(options => options.UserId = "user-1").AddLocalPassthrough()
            .AddCredentialProvider(scoped =>
            {
                built++;
                return new ScopedTokenStore(scoped.GetRequiredService<UnitOfWork>());
            })
            .PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => slack);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var client = provider.GetRequiredService<IntegryClient>();

        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        slack.VerifyNoOutstandingExpectation();
        Assert.That(built, Is.EqualTo(2));
        Assert.That(UnitOfWork.Created.Select(unit => unit.Disposed), Is.All.True);
    }

    [Test]
    public async Task A_provider_the_user_registered_as_a_singleton_stays_one_instance()
    {
        using var slack = SlackExpectingTwoCalls();
        var services = new ServiceCollection();
        services.AddSingleton<CountingStore>();
        services.AddIntegry(options => options.UserId = "user-1").AddLocalPassthrough().AddCredentialProvider<CountingStore>()
            .PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => slack);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var client = provider.GetRequiredService<IntegryClient>();

        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        Assert.That(provider.GetRequiredService<CountingStore>().Lookups, Is.EqualTo(2));
    }

    [SetUp]
    public void ResetUnits() => UnitOfWork.Created.Clear();

    private static MockHttpMessageHandler SlackExpectingTwoCalls()
    {
        var slack = new MockHttpMessageHandler();
        slack.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer scoped-token").Respond("application/json", "{}");
        slack.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer scoped-token").Respond("application/json", "{}");
        return slack;
    }

    /// <summary>Stands for a scoped DbContext: it records that it was created and disposed.</summary>
    private sealed class UnitOfWork : IDisposable
    {
        public UnitOfWork() => Created.Add(this);

        public static List<UnitOfWork> Created { get; } = [];

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class ScopedTokenStore(UnitOfWork unit) : ICredentialProvider
    {
        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(unit.Disposed ? null : new Credential.BearerToken("scoped-token"));
    }

    private sealed class CountingStore : ICredentialProvider
    {
        public int Lookups { get; private set; }

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("scoped-token"));
        }
    }
}
