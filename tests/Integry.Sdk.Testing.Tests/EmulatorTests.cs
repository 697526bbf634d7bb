using System.Text.Json.Nodes;
using Integry.Sdk.Emulator;

namespace Integry.Sdk.Testing.Tests;

/// <summary>The emulator as a library: configured in code or from JSON, a client for a user, its call log, a port in use.</summary>
public class EmulatorTests
{
    [Test]
    public async Task A_passthrough_through_the_emulator_reaches_the_fake_app_with_the_stored_token()
    {
        await using var crm = await FakeApp.StartAsync("localcrm", app => app
            .MapGet("/contacts", FakeResponse.Json("""{"results":[{"id":1}]}"""))
            .RequireBearerToken("local-token"));
        await using var emulator = await IntegryEmulator.StartAsync(builder => builder
            .AddApp(crm.Definition)
            .AddUser("user-1", user => user.Connect("localcrm", new Credential.BearerToken("local-token"), "acct-1")));

        var result = await emulator.CreateClient("user-1").InvokeFunctionAsync(
            "localcrm-passthrough-request",
            new JsonObject { ["method"] = "GET", ["url"] = new Uri(crm.BaseAddress, "contacts").AbsoluteUri });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(Results.Executed("""{"results":[{"id":1}]}""")));
            Assert.That(crm.Requests.Select(request => (request.Method, request.PathAndQuery, request.BearerToken)), Is.EqualTo(new[] { ("GET", "/contacts", "local-token") }));
            Assert.That(emulator.Calls.Select(call => (call.UserId, call.App, call.ConnectedAccountId, call.NetworkCode)), Is.EqualTo(new[] { ("user-1", "localcrm", "acct-1", 200) }));
        }

        emulator.ResetCallLog();
        Assert.That(emulator.Calls, Is.Empty);
    }

    [Test]
    public async Task A_user_without_the_app_gets_the_same_rejection_the_result_factory_builds()
    {
        await using var emulator = await IntegryEmulator.StartAsync(builder => builder.AddUser("user-2"));

        var result = await emulator.CreateClient("user-2").InvokeFunctionAsync(
            "slack-passthrough-request",
            new JsonObject { ["method"] = "GET", ["url"] = "https://slack.com/api/auth.test" });

        Assert.That(result, Is.EqualTo(Results.NotConnected("slack")));
    }

    [Test]
    public async Task The_builder_starts_from_a_json_config_and_adds_to_it()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"emulator-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "appKey": "file-key", "appSecret": "file-secret", "users": [ { "id": "from-file" } ] }""");
        try
        {
            await using var emulator = await IntegryEmulator.StartAsync(builder => builder.LoadConfig(path).AddUser("from-code"));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(emulator.Config.AppKey, Is.EqualTo("file-key"));
                Assert.That(emulator.Config.Users.Select(user => user.Id), Is.EqualTo(new[] { "from-file", "from-code" }));
                Assert.That(await emulator.CreateClient("from-code").ListFunctionsAsync(FunctionType.Passthrough), Is.Not.Empty);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_port_in_use_is_a_clear_error()
    {
        await using var first = await IntegryEmulator.StartAsync(_ => { });

        var exception = await Assert.ThrowsAsync<IOException>(() => IntegryEmulator.StartAsync(builder => builder.Port = first.BaseAddress.Port));

        Assert.That(exception!.Message, Is.EqualTo($"The emulator cannot listen on 127.0.0.1:{first.BaseAddress.Port}: the port is in use."));
    }
}
