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

    [TestCase("x-ratelimit-remaining")]
    [TestCase("X-RATELIMIT-RESET")]
    [TestCase("Content-Language")]
    [TestCase("Content-Type")]
    [TestCase("Connection")]
    [TestCase("X-Absent")]
    public void One_header_read_in_place_is_what_the_copy_holds(string name)
    {
        static (HttpResponseMessage Response, ResponseHeaderView View) Answer()
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", ["41", "40"]);
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "1700000000");
            response.Headers.TryAddWithoutValidation("Connection", "keep-alive");
            response.Content.Headers.TryAddWithoutValidation("Content-Language", "en");
            return (response, new ResponseHeaderView(response));
        }

        var (inPlaceResponse, inPlace) = Answer();
        var (copiedResponse, copied) = Answer();
        _ = copied.Count;
        inPlaceResponse.Dispose();
        copiedResponse.Dispose();

        var expected = copied.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
        Assert.Multiple(() =>
        {
            Assert.That(inPlace.FirstValue(name), Is.EqualTo(expected), "before any copy");
            Assert.That(copied.FirstValue(name), Is.EqualTo(expected), "after the copy");
            Assert.That(inPlace.Keys, Is.EquivalentTo(copied.Keys), "reading one header in place leaves the copy whole");
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

    [Test]
    public async Task One_header_read_in_place_while_another_thread_builds_the_copy_is_always_the_same_value()
    {
        // Without a lock the in-place read and the copy race: whichever a reader finds, the collections or the copy that
        // replaced them, it reads the same value.
        for (var round = 0; round < 200; round++)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", ["41", "40"]);
            response.Content.Headers.TryAddWithoutValidation("Content-Language", "en");
            var view = new ResponseHeaderView(response);
            using var start = new ManualResetEventSlim();

            var inPlace = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return (view.FirstValue("x-ratelimit-remaining"), view.FirstValue("content-language"), view.FirstValue("Connection"));
            })).ToArray();
            var copies = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return view.Count;
            })).ToArray();
            start.Set();
            var read = await Task.WhenAll(inPlace);
            var counted = await Task.WhenAll(copies);

            Assert.Multiple(() =>
            {
                Assert.That(read, Is.All.EqualTo(("41", "en", (string?)null)), $"round {round}");
                Assert.That(counted, Is.All.EqualTo(3), $"round {round}: X-RateLimit-Remaining, Content-Type, Content-Language");
                Assert.That(view.FirstValue("X-RATELIMIT-REMAINING"), Is.EqualTo("41"), $"round {round}, from the copy");
            });
        }
    }
}
