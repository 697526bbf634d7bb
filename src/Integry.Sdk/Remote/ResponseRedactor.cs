using System.Text.Encodings.Web;
using System.Text.Json;

namespace Integry.Sdk.Remote;

/// <summary>
/// Masks the app secret, the app key and the per-user hash in any text Integry sent back, before it reaches an
/// exception or a <see cref="Result.Rejected"/>. A server may echo the request (its headers, its query), and the
/// secret may come back JSON-escaped or percent-encoded, so each form is masked.
/// </summary>
internal static class ResponseRedactor
{
    private const string Mask = "***";

    public static string Redact(string text, string appSecret, RequestSignature? signature)
    {
        // The secret first: were the app key part of it, masking the key first would leave the rest of the secret.
        text = RedactForms(text, appSecret, StringComparison.Ordinal);
        if (signature is not null)
        {
            // The hash is hex and the app key a UUID: an echo may change their case.
            text = RedactForms(text, signature.Hash, StringComparison.OrdinalIgnoreCase);
            text = RedactForms(text, signature.AppKey, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static string RedactForms(string text, string secret, StringComparison comparison)
    {
        if (secret.Length == 0 || text.Length == 0)
        {
            return text;
        }

        text = text.Replace(secret, Mask, comparison);
        foreach (var form in EncodedForms(secret))
        {
            if (!string.Equals(form, secret, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, comparison);
            }
        }

        return text;
    }

    private static IEnumerable<string> EncodedForms(string secret)
    {
        yield return JsonEncodedText.Encode(secret).ToString();
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        yield return Uri.EscapeDataString(secret);
        yield return Uri.EscapeDataString(secret).Replace("%20", "+", StringComparison.Ordinal);
    }
}
