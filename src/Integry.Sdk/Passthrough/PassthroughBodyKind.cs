namespace Integry.Sdk;

/// <summary>The kinds of <see cref="PassthroughBody"/>.</summary>
public enum PassthroughBodyKind
{
    /// <summary>JSON, sent byte for byte as given; the only kind Integry's own API carries.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c> fields.</summary>
    Form,

    /// <summary>Raw bytes with a content type.</summary>
    Bytes,

    /// <summary><c>multipart/form-data</c> text fields and files.</summary>
    Multipart,
}
