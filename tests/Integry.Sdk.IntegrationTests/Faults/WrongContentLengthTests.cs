using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The app declares a longer Content-Length than it sends and ends its response (Kestrel then closes the connection).
/// The server ends only once the client has the headers, so the short body is always seen mid-body.
/// </summary>
public class WrongContentLengthTests
{
    [Test]
    public async Task A_body_shorter_than_its_Content_Length_fails_the_call_with_IntegryException()
    {
        FaultRig rig = null!;
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            await FaultServer.StartPartialBodyAsync(context, declaredLength: 64, """{"ok":true}""");
            await FaultServer.AwaitOrAbortedAsync(rig.Handler.HeadersReceived.WhenReached(attempt), context);
        });
        rig = FaultRig.Create(server, options => options.MaxRetries = 0);
        using var _ = rig;

        Exception? thrown = null;
        try
        {
            await Fault.Within(rig.GetAsync("items"));
        }
        catch (Exception exception)
        {
            thrown = exception;
        }

        Fault.Report("Content-Length 64, 11 bytes sent (MaxRetries 0)", Fault.Describe(thrown), Fault.Describe(server.Requests));
        Assert.That(thrown, Is.InstanceOf<IntegryException>(), () => $"The caller got {Fault.Describe(thrown)}");
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }
}
