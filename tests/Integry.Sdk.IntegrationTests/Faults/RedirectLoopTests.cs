using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app answers every request with a 302 to itself.</summary>
public class RedirectLoopTests
{
    [TestCase(5)]
    [TestCase(2)]
    public async Task A_redirect_loop_ends_with_IntegryException_after_MaxRedirects_hops(int maxRedirects)
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/loop";
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(server, options => options.MaxRedirects = maxRedirects);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("loop")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("redirect"));
            Assert.That(exception.Message, Does.Contain("MaxRedirects"));
            Assert.That(server.Requests, Has.Count.EqualTo(maxRedirects + 1));
            Assert.That(server.Requests.Select(request => request.Headers["Authorization"]), Is.All.EqualTo("Bearer " + FaultRig.Token), "same host: the credential goes on every hop");
        }

        Fault.Report($"302 to itself, MaxRedirects {maxRedirects}", Fault.Describe(exception), $"{server.Requests.Count} × GET /loop");
    }
}
