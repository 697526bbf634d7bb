using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app declares JSON and sends a body cut short, with a Content-Length that matches what it sent.</summary>
public class TruncatedJsonTests
{
    [Test]
    public async Task Invalid_json_comes_back_as_a_json_string_of_the_text()
    {
        const string truncated = """{"items":[{"id":1},{"id":""";
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(truncated);
            await context.Response.WriteAsync(truncated);
        });
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(1));
            Assert.That(executed.Output.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));
            Assert.That(executed.Output.GetString(), Is.EqualTo(truncated));
            Assert.That(executed.ContentType, Does.StartWith("application/json"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }

        Fault.Report("truncated JSON, honest Content-Length", Fault.Describe(executed) + ", Output a JSON string of the text", Fault.Describe(server.Requests));
    }
}
