using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Conformance;

/// <summary>
/// The same scenarios through the local executor and through the emulator (Integry's API, emulated): both paths
/// must give equal results, and each result must be the one Integry documents.
/// </summary>
public class ConformanceTests
{
    private ConformanceWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartWorld() => _world = await ConformanceWorld.StartAsync(pageSize: 5);

    [OneTimeTearDown]
    public async Task StopWorld() => await _world.DisposeAsync();

    [Test]
    public async Task Executed()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", Args("GET", "v1/contacts?page=1")));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(local, Is.TypeOf<Result.Executed>());
        Assert.That(((Result.Executed)local).NetworkCode, Is.EqualTo(200));
        Assert.That(local.ToJson(), Does.Contain("12345678901234567890"));
        Assert.That(remote.ToJson(), Does.Contain("12345678901234567890"));
    }

    [Test]
    public async Task Onward_4xx_is_still_executed()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", Args("GET", "v1/nothing-here")));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(local, Is.TypeOf<Result.Executed>().With.Property(nameof(Result.Executed.NetworkCode)).EqualTo(404));
    }

    [Test]
    public async Task Post_with_a_body()
    {
        var (local, remote) = await BothAsync(client => client.PassthroughAsync("crm", PassthroughRequest.Post("v1/contacts", JsonDocument.Parse("""{"name":"Grace","id":98765432109876543210}""").RootElement)));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Executed)local).NetworkCode, Is.EqualTo(201));
        Assert.That(((Result.Executed)remote).Output.GetRawText(), Does.Contain("98765432109876543210"));
    }

    [Test]
    public async Task Not_connected()
    {
        var (local, remote) = await BothAsync(client => client.ForUser("user-2").InvokeFunctionAsync("crm-passthrough-request", Args("GET", "v1/contacts")));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Rejected)local).ErrorDetails, Is.EqualTo(new[]
        {
            "User has not connected their Demo CRM account. To connect an account, please call following SDK method: `connectApp('crm')`",
        }));
    }

    [Test]
    public async Task Invalid_arguments()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", new JsonObject { ["method"] = "FETCH" }));

        Assert.That(local, Is.EqualTo(remote));
        var rejected = (Result.Rejected)local;
        Assert.That(rejected.Error, Is.EqualTo("Could not call the function due to invalid input. Please see `error_details` for further information."));
        Assert.That(rejected.FieldErrors!.Keys, Is.EquivalentTo(new[] { "method", "url" }));
        Assert.That(rejected.FieldErrors["url"], Is.EqualTo("This parameter is required and must not be null or empty"));
    }

    [Test]
    public async Task Unknown_function()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("nosuchapp-passthrough-request", Args("GET", "x")));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Rejected)local).Error, Is.EqualTo("Function not found"));
    }

    [Test]
    public async Task Multiple_accounts_pick_the_named_one()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", Args("GET", "v1/contacts"), connectedAccountId: "102"));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Executed)local).Output.GetProperty("account").GetString(), Is.EqualTo("102"));
    }

    [Test]
    public async Task Unknown_connected_account()
    {
        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", Args("GET", "v1/contacts"), connectedAccountId: "999"));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(local, Is.TypeOf<Result.Rejected>());
    }

    [Test]
    public async Task Paging_lists_the_same_functions()
    {
        var local = await _world.Local.ListFunctionsAsync(FunctionType.Passthrough);
        var remote = await _world.Remote.ListFunctionsAsync(FunctionType.Passthrough);

        Assert.That(remote.Select(function => function.Name), Is.EqualTo(local.Select(function => function.Name)));
        Assert.That(local, Has.Count.GreaterThan(5), "the emulator pages by 5 here, so the remote list took several pages");
        Assert.That(remote.Select(function => function.Parameters.GetRawText()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(local.Select(function => function.Name), Does.Contain("crm-passthrough-request"));
    }

    private static JsonObject Args(string method, string url) => new() { ["method"] = method, ["url"] = url };

    private async Task<(Result Local, Result Remote)> BothAsync(Func<IntegryClient, Task<Result>> scenario)
    {
        var local = await scenario(_world.Local);
        var remote = await scenario(_world.Remote);
        await TestContext.Out.WriteLineAsync($"local:  {local.ToJson()}{Environment.NewLine}remote: {remote.ToJson()}");
        return (local, remote);
    }
}
