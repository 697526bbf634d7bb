namespace Integry.Sdk.Remote;

/// <summary>
/// A request to Integry's API that carries its <see cref="RequestSignature"/> in a field, so the answer's texts can
/// be masked with it, without the dictionary <see cref="HttpRequestMessage.Options"/> allocates per request.
/// </summary>
internal sealed class SignedRequestMessage : HttpRequestMessage
{
    public SignedRequestMessage(Uri requestUri, RequestSignature signature)
        : base(HttpMethod.Post, requestUri)
    {
        Signature = signature;
    }

    public RequestSignature Signature { get; }
}
