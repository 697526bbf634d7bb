using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The app sends its headers and part of the body (Content-Length promises more), then drops the connection. The server
/// waits until the client has the headers before dropping it, so the cut is always mid-body.
/// </summary>
public class ConnectionResetMidBodyTests
{
    [Test]
    public async Task Get_is_retried_and_fails_with_IntegryException_when_every_body_is_cut()
    {
        FaultRig rig = null!;
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            await FaultServer.StartPartialBodyAsync(context, declaredLength: 100, """{"items":[1,2""");
            await FaultServer.AwaitOrAbortedAsync(rig.Handler.HeadersReceived.WhenReached(attempt), context);
            context.Abort();
        });
        rig = FaultRig.Create(server);
        using var _ = rig;

        var thrown = await CatchAsync(rig.GetAsync("items"));

        var seen = server.Requests;
        Fault.Report("reset mid-body, every attempt (GET)", Fault.Describe(thrown), Fault.Describe(seen));
        Assert.That(thrown, Is.InstanceOf<IntegryException>(), () => $"The caller got {Fault.Describe(thrown)}");
        Assert.That(seen, Has.Count.EqualTo(3), "one attempt and MaxRetries (2) retries");
    }

    [Test]
    public async Task Get_succeeds_when_a_later_attempt_sends_the_whole_body()
    {
        FaultRig rig = null!;
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                await FaultServer.StartPartialBodyAsync(context, declaredLength: 100, """{"items":[1,2""");
                await FaultServer.AwaitOrAbortedAsync(rig.Handler.HeadersReceived.WhenReached(attempt), context);
                context.Abort();
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"items":[1,2,3]}""");
        });
        rig = FaultRig.Create(server);
        using var _ = rig;

        Result? result = null;
        var thrown = await CatchAsync(Run());

        Fault.Report("reset mid-body, then 200 (GET)", thrown is null ? Fault.Describe(result!) : Fault.Describe(thrown), Fault.Describe(server.Requests));
        Assert.That(thrown, Is.Null, () => $"The caller got {Fault.Describe(thrown!)}");
        var executed = Fault.Executed(result!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(2));
            Assert.That(executed.Output.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
            Assert.That(server.Requests, Has.Count.EqualTo(2));
        }

        async Task<Result> Run() => result = await rig.GetAsync("items");
    }

    private static async Task<Exception?> CatchAsync(Task call)
    {
        try
        {
            await call.WaitAsync(Fault.Guard);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
