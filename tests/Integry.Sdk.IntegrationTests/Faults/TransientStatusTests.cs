using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>One failed answer, then 200: which statuses and which methods are retried.</summary>
public class TransientStatusTests
{
    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task A_transient_status_on_GET_is_retried(int status)
    {
        await using var server = await StartFailingOnceAsync(status);
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        Assert.That((executed.NetworkCode, executed.Attempts, server.Requests.Count), Is.EqualTo((200, 2, 2)));
        Fault.Report($"{status}, then 200 (GET)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    [TestCase(400)]
    [TestCase(404)]
    [TestCase(501)]
    public async Task A_status_that_is_not_transient_is_returned_at_once(int status)
    {
        await using var server = await StartFailingOnceAsync(status);
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        Assert.That((executed.NetworkCode, executed.Attempts, server.Requests.Count), Is.EqualTo((status, 1, 1)));
        Fault.Report($"{status}, then 200 (GET)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    [TestCase("PUT", 2)]
    [TestCase("DELETE", 2)]
    [TestCase("HEAD", 2)]
    [TestCase("OPTIONS", 2)]
    [TestCase("PATCH", 1)]
    [TestCase("POST", 1)]
    public async Task A_503_is_retried_only_for_idempotent_methods(string method, int expectedAttempts)
    {
        await using var server = await StartFailingOnceAsync(503);
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.SendAsync(new HttpMethod(method), "items", method is "PUT" or "PATCH" or "POST" ? """{"a":1}""" : null)));

        Assert.That((executed.Attempts, server.Requests.Count), Is.EqualTo((expectedAttempts, expectedAttempts)));
        Assert.That(executed.NetworkCode, Is.EqualTo(expectedAttempts == 2 ? 200 : 503));
        Fault.Report($"503, then 200 ({method}, no idempotency header)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    private static Task<FaultServer> StartFailingOnceAsync(int status) => FaultServer.StartAsync((context, attempt) =>
    {
        context.Response.StatusCode = attempt == 1 ? status : StatusCodes.Status200OK;
        return Task.CompletedTask;
    });
}
