using System.Net;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>A proxy in front of Integry answers 502 with its own HTML page.</summary>
public class RemoteHtmlBadGatewayTests
{
    private const string Page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    [Test]
    public async Task The_caller_gets_a_transient_server_exception_with_the_page()
    {
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(Page);
        });
        await using var rig = RemoteRig.Create(server);

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report("remote: HTML 502 page", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Server, transient: true, HttpStatusCode.BadGateway);
        Assert.That(exception.ResponseBody, Is.EqualTo(Page));
        Assert.That(exception.Message, Does.StartWith("Integry answered 502 BadGateway: <html>"));
        RemoteRig.AssertOneSignedCall(server);
    }
}
