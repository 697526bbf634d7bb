using System.Net;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>The addresses the primary handler refuses to connect to when a host name resolves to them (DNS rebinding).</summary>
public class NetworkAddressPolicyTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.255.254")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("fe80::1")]
    [TestCase("fc00::1")]
    [TestCase("fd12:3456::1")]
    [TestCase("ff02::1")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("2002:a9fe:a9fe::1")]
    [TestCase("::a9fe:a9fe")]
    [TestCase("::ffff:0:a9fe:a9fe")]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [TestCase("100::1")]
    [TestCase("2001:db8::1")]
    [TestCase("198.18.0.1")]
    [TestCase("192.0.2.1")]
    [TestCase("203.0.113.7")]
    public void Is_not_public(string address)
    {
        Assert.That(NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("54.230.1.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    public void Is_public(string address)
    {
        Assert.That(NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)), Is.True);
    }
}
