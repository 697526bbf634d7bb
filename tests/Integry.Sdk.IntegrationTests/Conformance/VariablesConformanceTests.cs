using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integry.Sdk.IntegrationTests.Conformance;

/// <summary>
/// <c>_variables</c> through the local executor and through the emulator: the same result both ways, and the app
/// receives exactly the path and query below. A value fills one path segment or one query value, percent-encoded; it
/// never adds a segment, a query parameter, a port or a host.
/// </summary>
public class VariablesConformanceTests
{
    private ConformanceWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartWorld() => _world = await ConformanceWorld.StartAsync(app: EchoAsync);

    [OneTimeTearDown]
    public async Task StopWorld() => await _world.DisposeAsync();

    [TestCase("v1/items/{id}", "7", "/v1/items/7")]
    [TestCase("v1/items/{id}", "../admin", "/v1/items/..%2Fadmin")]
    [TestCase("v1/items/{id}", "x?admin=1", "/v1/items/x%3Fadmin%3D1")]
    [TestCase("v1/items/{id}", "evil.example#", "/v1/items/evil.example%23")]
    [TestCase("v1/items/{id}", "%2e%2e", "/v1/items/%252e%252e")]
    [TestCase("v1/items/{id}", "a/b", "/v1/items/a%2Fb")]
    [TestCase("v1/items/{id}", "@evil.example", "/v1/items/%40evil.example")]
    [TestCase("v1/items/{id}", ":8080", "/v1/items/%3A8080")]
    [TestCase("v1/items?q={id}&page=2", "x&admin=1", "/v1/items?q=x%26admin%3D1&page=2")]
    [TestCase("v1/items/{other}", "7", "/v1/items/%7Bother%7D")]
    public async Task A_value_reaches_the_app_as_one_segment_or_query_value(string url, string value, string expectedPathAndQuery)
    {
        var arguments = new JsonObject { ["method"] = "GET", ["url"] = url, ["_variables"] = new JsonObject { ["id"] = value } };

        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", arguments.DeepClone().AsObject()));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Executed)local).Output.GetProperty("path").GetString(), Is.EqualTo(expectedPathAndQuery));
    }

    [Test]
    public async Task Variables_given_as_options_are_the_same_as_variables_in_the_arguments()
    {
        var options = new InvokeFunctionOptions { Variables = new JsonObject { ["id"] = "a/b" } };

        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", new JsonObject { ["method"] = "GET", ["url"] = "v1/items/{id}" }, options));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Executed)local).Output.GetProperty("path").GetString(), Is.EqualTo("/v1/items/a%2Fb"));
    }

    [TestCase("v1/items/{id}", "..", "url", "'.' or '..'")]
    [TestCase("v1/items/{id}/x", ".", "url", "'.' or '..'")]
    [TestCase("http://{id}/v1/items", "127.0.0.1", "url", "scheme or host")]
    public async Task A_value_that_would_move_the_request_is_rejected_before_anything_is_sent(string url, string value, string parameter, string message)
    {
        var before = _world.Upstream.Requests.Count;
        var arguments = new JsonObject { ["method"] = "GET", ["url"] = url, ["_variables"] = new JsonObject { ["id"] = value } };

        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", arguments.DeepClone().AsObject()));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Rejected)local).FieldErrors![parameter], Does.Contain(message));
        Assert.That(_world.Upstream.Requests, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task A_variable_that_is_not_a_string_number_or_boolean_is_rejected()
    {
        var arguments = new JsonObject { ["method"] = "GET", ["url"] = "v1/items/{id}", ["_variables"] = new JsonObject { ["id"] = new JsonArray(1, 2) } };

        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", arguments.DeepClone().AsObject()));

        Assert.That(local, Is.EqualTo(remote));
        Assert.That(((Result.Rejected)local).FieldErrors!["_variables"], Does.Contain("only strings, numbers and booleans"));
    }

    [Test]
    public async Task Body_strings_take_values_as_they_are()
    {
        var arguments = new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "v1/items",
            ["body"] = new JsonObject { ["text"] = "{first_name} {last_name} just signed up!", ["keep"] = "{unknown}" },
            ["_variables"] = new JsonObject { ["first_name"] = "John", ["last_name"] = "Doe/Smith" },
        };

        var (local, remote) = await BothAsync(client => client.InvokeFunctionAsync("crm-passthrough-request", arguments.DeepClone().AsObject()));

        Assert.That(local, Is.EqualTo(remote));
        using var body = JsonDocument.Parse(((Result.Executed)local).Output.GetProperty("body").GetString()!);
        Assert.That(body.RootElement.GetProperty("text").GetString(), Is.EqualTo("John Doe/Smith just signed up!"));
        Assert.That(body.RootElement.GetProperty("keep").GetString(), Is.EqualTo("{unknown}"));
    }

    private async Task<(Result Local, Result Remote)> BothAsync(Func<IntegryClient, Task<Result>> scenario)
    {
        var local = await scenario(_world.Local);
        var remote = await scenario(_world.Remote);
        await TestContext.Out.WriteLineAsync($"local:  {local.ToJson()}{Environment.NewLine}remote: {remote.ToJson()}");
        return (local, remote);
    }

    /// <summary>The app answers with the request target exactly as it arrived, and the body it got.</summary>
    private static async Task EchoAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = target, ["body"] = body }));
    }
}
