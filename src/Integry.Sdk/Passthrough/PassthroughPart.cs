using System.Net.Http.Headers;

namespace Integry.Sdk;

/// <summary>One part of a <see cref="PassthroughBody.Multipart"/> body: a text field or a file.</summary>
public sealed class PassthroughPart
{
    private readonly byte[]? _file;

    private PassthroughPart(string name, string? text, string? fileName, byte[]? file, string? contentType)
    {
        Name = name;
        Text = text;
        FileName = fileName;
        _file = file;
        ContentType = contentType;
    }

    /// <summary>Gets the form field name.</summary>
    public string Name { get; }

    /// <summary>Gets the value of a text field, or <see langword="null"/> for a file.</summary>
    public string? Text { get; }

    /// <summary>Gets the file name of a file, or <see langword="null"/> for a text field.</summary>
    public string? FileName { get; }

    /// <summary>Gets the content type of a file, or <see langword="null"/> for a text field.</summary>
    public string? ContentType { get; }

    /// <summary>A text field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value, sent as UTF-8.</param>
    /// <returns>The part.</returns>
    public static PassthroughPart Field(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new PassthroughPart(name, value, null, null, null);
    }

    /// <summary>A file.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="fileName">The file's name as the app will see it.</param>
    /// <param name="content">The file's bytes; they are copied.</param>
    /// <param name="contentType">The file's media type, such as <c>application/pdf</c>.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException">A name is empty, or the content type is not a media type.</exception>
    public static PassthroughPart File(string name, string fileName, ReadOnlySpan<byte> content, string contentType = "application/octet-stream")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!MediaTypeHeaderValue.TryParse(contentType, out _) || fileName.Any(char.IsControl) || name.Any(char.IsControl))
        {
            throw new ArgumentException($"The file part '{name}' needs a valid media type (not '{contentType}') and names without control characters.", nameof(contentType));
        }

        return new PassthroughPart(name, null, fileName, content.ToArray(), contentType);
    }

    internal HttpContent ToContent()
    {
        HttpContent content;
        if (_file is null)
        {
            content = new StringContent(Text!);
            content.Headers.ContentType = null;
        }
        else
        {
            content = new ByteArrayContent(_file);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType!);
        }

        // RFC 7578 and the HTML form encoding: quoted names with '"', CR and LF percent-encoded, non-ASCII as UTF-8.
        var disposition = "form-data; name=\"" + Escape(Name) + "\"" + (FileName is null ? string.Empty : "; filename=\"" + Escape(FileName) + "\"");
        content.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        return content;
    }

    private static string Escape(string text) =>
        text.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
