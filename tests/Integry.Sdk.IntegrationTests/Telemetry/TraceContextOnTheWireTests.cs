using System.Diagnostics;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Telemetry;

/// <summary>
/// Over a real socket, each attempt's request is traced under its own attempt span: the first attempt (sent from the
/// executor's call) and the retry (sent from the retry pipeline) alike, both in the call's trace.
/// </summary>
public class TraceContextOnTheWireTests
{
    [Test]
    public async Task Each_request_on_the_wire_is_traced_under_its_own_attempt_span()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            // The handler's own span (System.Net.Http) is the one the traceparent header names; its parent is the attempt's.
            ShouldListenTo = source => source.Name is "Integry.Sdk" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await FaultServer.StartAsync((context, attempt) =>
        {
            context.Response.StatusCode = attempt == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        var traceparents = server.Requests.Select(request => request.Headers.GetValueOrDefault("traceparent")).ToList();
        List<Activity?> attemptsOnTheWire;
        lock (stopped)
        {
            // For each request, the attempt span above the span its traceparent names.
            attemptsOnTheWire = traceparents
                .Select(traceparent => stopped.SingleOrDefault(activity => $"00-{activity.TraceId}-{activity.SpanId}-01" == traceparent))
                .Select(named => named?.Source.Name == "Integry.Sdk" ? named : named?.Parent)
                .ToList();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That((executed.NetworkCode, executed.Attempts), Is.EqualTo((200, 2)));
            Assert.That(traceparents, Has.Count.EqualTo(2).And.None.Null);
            Assert.That(attemptsOnTheWire, Is.Unique.And.None.Null);
            Assert.That(attemptsOnTheWire.Select(attempt => (attempt?.Kind, attempt?.Parent?.OperationName)), Is.All.EqualTo(((ActivityKind?)ActivityKind.Client, "invoke faulty-passthrough-request")));
            Assert.That(attemptsOnTheWire.Select(attempt => attempt?.GetTagItem("http.request.resend_count")), Is.EqualTo(new object[] { 0, 1 }));
        }
    }
}
