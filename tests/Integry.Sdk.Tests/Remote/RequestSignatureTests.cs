using Integry.Sdk.Remote;

namespace Integry.Sdk.Tests.Remote;

public class RequestSignatureTests
{
    [TestCase("test-secret", "123456", "66390255070e83b7c8a6ef04304e527e289538931b78520d0be9a2a439e918a3")]
    [TestCase("s3cr3t", "user@example.com", "dd2628e5d72843c60221845e1efaea775000caee5b4616b35ebbcd2891afe01c")]
    [TestCase("s3cr3t", "üser-ñ", "7490c623c90ddc1f412b987b026f258c85e99d95f71c8378193d297c90bbd0cf")]
    public void Hash_matches_the_spec_test_vectors(string appSecret, string userId, string expected)
    {
        Assert.That(RequestSignature.ComputeHash(appSecret, userId), Is.EqualTo(expected));
    }
}
