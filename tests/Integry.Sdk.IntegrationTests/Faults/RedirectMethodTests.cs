using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>A POST redirected on the app's own host: 307 and 308 keep method and body, 303 and (for POST) 301 and 302 turn it into a GET without body.</summary>
public class RedirectMethodTests
{
    private const string Body = """{"name":"Ada","id":12345678901234567890}""";

    [TestCase(307, "POST", Body)]
    [TestCase(308, "POST", Body)]
    [TestCase(303, "GET", "")]
    [TestCase(301, "GET", "")]
    [TestCase(302, "GET", "")]
    public async Task A_redirected_post_arrives_as_the_status_says(int status, string expectedMethod, string expectedBody)
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/landing";
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"landed":true}""");
        });
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.SendAsync(HttpMethod.Post, "start", Body)));

        var seen = server.Requests;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(seen, Has.Count.EqualTo(2));
            Assert.That(seen[0].Method, Is.EqualTo("POST"));
            Assert.That(seen[0].Body, Is.EqualTo(Body));
            Assert.That(seen[1].PathAndQuery, Is.EqualTo("/landing"));
            Assert.That(seen[1].Method, Is.EqualTo(expectedMethod));
            Assert.That(seen[1].Body, Is.EqualTo(expectedBody));
            Assert.That(seen[1].Headers.ContainsKey("Content-Type"), Is.EqualTo(expectedBody.Length > 0), "no Content-Type without a body");
            Assert.That(seen[1].Headers["Authorization"], Is.EqualTo("Bearer " + FaultRig.Token), "same host: the credential follows");
        }

        Fault.Report($"{status} on POST (same host)", Fault.Describe(executed), $"POST /start with body, then {seen[1].Method} /landing {(seen[1].Body.Length > 0 ? "with the same body" : "without body")}");
    }
}
