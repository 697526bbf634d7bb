// Copied by .ci/package-consumer.sh into a fresh NUnit project that references Integry.Sdk.Testing from the folder feed.
using System.Text.Json.Nodes;
using Integry.Sdk;
using Integry.Sdk.Emulator;
using Integry.Sdk.Testing;
using NUnit.Framework;

namespace Consumer.Tests;

public class KitTests
{
    [Test]
    public async Task Emulator_runs_a_passthrough_against_a_fake_app()
    {
        await using var crm = await FakeApp.StartAsync("localcrm", app => app
            .MapGet("/contacts", FakeResponse.Json("""{"results":[{"id":1}]}"""))
            .RequireBearerToken("local-token"));
        await using var emulator = await IntegryEmulator.StartAsync(builder => builder
            .AddApp(crm.Definition)
            .AddUser("user-1", user => user.Connect("localcrm", new Credential.BearerToken("local-token"))));

        var result = await emulator.CreateClient("user-1").InvokeFunctionAsync(
            "localcrm-passthrough-request",
            new JsonObject { ["method"] = "GET", ["url"] = new Uri(crm.BaseAddress, "contacts").AbsoluteUri },
            connectedAccountId: null);

        Assert.That(result, Is.EqualTo(Results.Executed("""{"results":[{"id":1}]}""")));
        Assert.That(crm.Requests.Single().BearerToken, Is.EqualTo("local-token"));
        Assert.That(emulator.Calls, Has.Count.EqualTo(1));
        TestContext.Out.WriteLine($"KIT passthrough: {result.ToJson()} via {emulator.BaseAddress}");
    }

    [Test]
    public Task InMemoryCredentialProvider_passes_the_provider_conformance_suite() =>
        CredentialProviderConformance.VerifyAsync(new CredentialProviderHarness<InMemoryCredentialProvider>
        {
            CreateProvider = grant => ValueTask.FromResult(new InMemoryCredentialProvider { Refresh = (request, stale, ct) => grant(request, stale, ct) }),
            Connect = (provider, account) =>
            {
                provider.Connect(account.UserId, account.App, account.Credential, account.ConnectedAccountId);
                return ValueTask.CompletedTask;
            },
        });
}
