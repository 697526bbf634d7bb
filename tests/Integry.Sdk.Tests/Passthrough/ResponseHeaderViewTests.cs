using System.Net;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>The app's response headers are copied when first read, which may be after the response is disposed.</summary>
public class ResponseHeaderViewTests
{
    [Test]
    public void Headers_read_after_the_response_is_disposed_hold_every_end_to_end_and_content_header()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        response.Headers.TryAddWithoutValidation("X-Trace-Token", ["r1", "r2"]);
        response.Headers.TryAddWithoutValidation("Connection", "keep-alive");
        response.Headers.TryAddWithoutValidation("Transfer-Encoding", "chunked");
        response.Content.Headers.TryAddWithoutValidation("Content-Language", "en");
        var view = new ResponseHeaderView(response);
        response.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(view["x-trace-token"], Is.EqualTo(new[] { "r1", "r2" }));
            Assert.That(view.TryGetValue("CONTENT-LANGUAGE", out var language) ? language : null, Is.EqualTo(new[] { "en" }));
            Assert.That(view.ContainsKey("Content-Type"), Is.True);
            Assert.That(view.ContainsKey("Connection"), Is.False);
            Assert.That(view.ContainsKey("Transfer-Encoding"), Is.False);
            Assert.That(view.Keys, Is.EquivalentTo(new[] { "X-Trace-Token", "Content-Type", "Content-Language" }));
            Assert.That(view, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Readers_on_several_threads_at_once_see_the_same_copy()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        response.Headers.TryAddWithoutValidation("X-One", "1");
        var view = new ResponseHeaderView(response);
        using var start = new ManualResetEventSlim();

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return view["X-One"];
        })).ToArray();
        start.Set();
        var seen = await Task.WhenAll(readers);

        Assert.That(seen.Distinct(), Has.Exactly(1).EqualTo(new[] { "1" }));
    }
}
