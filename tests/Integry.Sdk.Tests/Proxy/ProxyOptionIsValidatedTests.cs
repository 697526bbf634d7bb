using System.Net;
using System.Text;

namespace Integry.Sdk.Tests.Proxy;

/// <summary>
/// <see cref="PassthroughProxy"/> takes an absolute <c>http://</c> address of host and port only, and optional Basic
/// credentials; anything else is an <see cref="ArgumentException"/> with a clear message that never quotes a password.
/// </summary>
public class ProxyOptionIsValidatedTests
{
    [TestCase("http://proxy.corp.example:3128", "http://proxy.corp.example:3128/")]
    [TestCase("http://proxy.corp.example:3128/", "http://proxy.corp.example:3128/")]
    [TestCase("http://10.1.2.3:8080", "http://10.1.2.3:8080/")]
    [TestCase("http://[2001:db8::1]:3128", "http://[2001:db8::1]:3128/")]
    [TestCase("HTTP://Proxy.Corp.Example", "http://proxy.corp.example/")]
    public void A_valid_address_is_kept_as_scheme_host_and_port(string address, string expected)
    {
        var proxy = new PassthroughProxy(new Uri(address));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxy.Address.AbsoluteUri, Is.EqualTo(expected));
            Assert.That(proxy.Mode, Is.EqualTo(PassthroughProxyMode.ConnectToCheckedAddress), "the checked address is the default");
            Assert.That(proxy.Credentials, Is.Null);
        }
    }

    [TestCase("proxy.corp.example:3128", "must be an http:// URI")]
    [TestCase("/relative", "absolute http:// URI")]
    [TestCase("https://proxy.corp.example:3128", "must be an http:// URI")]
    [TestCase("socks5://proxy.corp.example:1080", "must be an http:// URI")]
    [TestCase("ftp://proxy.corp.example", "must be an http:// URI")]
    [TestCase("http://proxy.corp.example:3128/path", "without a path, query or fragment")]
    [TestCase("http://proxy.corp.example:3128/?q=1", "without a path, query or fragment")]
    [TestCase("http://proxy.corp.example:3128/#f", "without a path, query or fragment")]
    [TestCase("file:///etc/passwd", "must be an http:// URI")]
    public void An_invalid_address_is_refused_with_a_clear_message(string address, string expected)
    {
        var uri = new Uri(address, UriKind.RelativeOrAbsolute);

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughProxy(uri));

        Assert.That(exception!.Message, Does.Contain(expected));
        Assert.That(exception.ParamName, Is.EqualTo("address"));
    }

    [Test]
    public void An_address_with_user_information_is_refused_without_quoting_it()
    {
        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughProxy(new Uri("http://alice:s3cret-pw@proxy.corp.example:3128/")));

        Assert.That(exception!.Message, Does.Contain("PassthroughProxy.Credentials"));
        Assert.That(exception.ToString(), Does.Not.Contain("s3cret-pw"));
    }

    [Test]
    public void A_null_address_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => _ = new PassthroughProxy(null!));

    [Test]
    public void A_mode_that_is_not_defined_is_refused() =>
        Assert.That(() => new PassthroughProxy(new Uri("http://proxy.corp.example/")) { Mode = (PassthroughProxyMode)7 }, Throws.InstanceOf<ArgumentException>());

    [TestCase("", "pw", "user name")]
    [TestCase("al:ice", "pw", "user name")]
    [TestCase("alice\r\nX-Injected: 1", "pw", "user name")]
    [TestCase("alice", "pw\r\nX-Injected: 1", "control characters")]
    public void Credentials_that_cannot_be_sent_as_basic_are_refused(string user, string password, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughProxy(new Uri("http://proxy.corp.example/")) { Credentials = new NetworkCredential(user, password) });

        Assert.That(exception!.Message, Does.Contain(expected));
        Assert.That(exception.ToString(), Does.Not.Contain("pw"));
    }

    [Test]
    public void A_domain_credential_is_refused_as_only_basic_is_supported()
    {
        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughProxy(new Uri("http://proxy.corp.example/")) { Credentials = new NetworkCredential("alice", "pw-1", "CORP") });

        Assert.That(exception!.Message, Does.Contain("Basic authentication only"));
    }

    [Test]
    public void Credentials_are_copied_and_never_shown()
    {
        var credential = new NetworkCredential("alice", "proxy-pw-777");
        var proxy = new PassthroughProxy(new Uri("http://proxy.corp.example:3128")) { Credentials = credential };
        credential.Password = "changed-later";
        proxy.Credentials!.Password = "changed-through-the-getter";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxy.Credentials!.UserName, Is.EqualTo("alice"));
            Assert.That(proxy.Credentials.Password, Is.EqualTo("proxy-pw-777"), "a copy is kept");
            Assert.That(proxy.ToString(), Is.EqualTo("http://proxy.corp.example:3128/ (ConnectToCheckedAddress, with credentials)"));
            Assert.That(proxy.ToString(), Does.Not.Contain("proxy-pw-777").And.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:proxy-pw-777"))));
        }
    }

    [Test]
    public void The_option_is_none_by_default_and_copied_with_the_options()
    {
        var options = new PassthroughOptions();
        Assert.That(options.Proxy, Is.Null, "no proxy unless one is set: the environment is never read");

        var proxy = new PassthroughProxy(new Uri("http://proxy.corp.example:3128"));
        options.Proxy = proxy;
        _ = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        Assert.That(options.Proxy, Is.SameAs(proxy));
    }
}
