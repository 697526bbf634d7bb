using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.Tests.Remote;

/// <summary>The caller's cancellation surfaces as <see cref="OperationCanceledException"/>; the client's own time limit as <see cref="IntegryException"/>.</summary>
public class CancellationAndTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static ServiceProvider BuildClient(HangingHandler handler, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddIntegry(options =>
        {
            options.AppKey = IntegryApi.AppKey;
            options.AppSecret = IntegryApi.AppSecret;
            options.UserId = IntegryApi.UserId;
            options.BaseAddress = new Uri(IntegryApi.Base);
            options.Timeout = Timeout;
        });
        builder.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Cancelling_a_call_in_flight_throws_operation_canceled()
    {
        using var handler = new HangingHandler();
        await using var provider = BuildClient(handler, new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var call = provider.GetRequiredService<IntegryClient>().InvokeFunctionAsync("slack-post-message", new JsonObject(), cancellationToken: cancellation.Token);
        await handler.Arrived;
        await cancellation.CancelAsync();

        await Assert.ThatAsync(() => call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_token_cancelled_before_the_call_throws_operation_canceled()
    {
        using var handler = new HangingHandler();
        await using var provider = BuildClient(handler, new FakeTimeProvider());

        await Assert.ThatAsync(
            () => provider.GetRequiredService<IntegryClient>().InvokeFunctionAsync("slack-post-message", new JsonObject(), cancellationToken: new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Cancelling_a_listing_in_flight_throws_operation_canceled()
    {
        using var handler = new HangingHandler();
        await using var provider = BuildClient(handler, new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var listing = provider.GetRequiredService<IntegryClient>().ListFunctionsAsync(FunctionType.Action, cancellationToken: cancellation.Token);
        await handler.Arrived;
        await cancellation.CancelAsync();

        await Assert.ThatAsync(() => listing, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_call_that_outlives_the_timeout_throws_an_integry_exception_about_the_timeout()
    {
        using var handler = new HangingHandler();
        var time = new FakeTimeProvider();
        await using var provider = BuildClient(handler, time);

        var call = provider.GetRequiredService<IntegryClient>().InvokeFunctionAsync("slack-post-message", new JsonObject());
        await handler.Arrived;
        time.Advance(Timeout + TimeSpan.FromMilliseconds(1));

        var exception = await Assert.CatchAsync<IntegryException>(() => call);
        Assert.That(exception!.InnerException, Is.InstanceOf<TimeoutException>());
        Assert.That(exception.Message, Does.Contain("IntegryClientOptions.Timeout"));
    }

    [Test]
    public async Task A_listing_that_outlives_the_timeout_throws_an_integry_exception()
    {
        using var handler = new HangingHandler();
        var time = new FakeTimeProvider();
        await using var provider = BuildClient(handler, time);

        var listing = provider.GetRequiredService<IntegryClient>().ListFunctionsAsync(FunctionType.Query);
        await handler.Arrived;
        time.Advance(Timeout + TimeSpan.FromMilliseconds(1));

        await Assert.ThatAsync(() => listing, Throws.InstanceOf<IntegryException>().With.InnerException.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task Time_short_of_the_timeout_does_not_end_the_call()
    {
        using var handler = new HangingHandler();
        var time = new FakeTimeProvider();
        await using var provider = BuildClient(handler, time);
        using var cancellation = new CancellationTokenSource();

        var call = provider.GetRequiredService<IntegryClient>().InvokeFunctionAsync("slack-post-message", new JsonObject(), cancellationToken: cancellation.Token);
        await handler.Arrived;
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));

        Assert.That(call.IsCompleted, Is.False);
        await cancellation.CancelAsync();
        await Assert.ThatAsync(() => call, Throws.InstanceOf<OperationCanceledException>());
    }
}
