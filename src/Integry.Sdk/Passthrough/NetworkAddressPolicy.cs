using System.Net;
using System.Net.Sockets;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Tells public addresses from loopback, private, link-local, special-use and other addresses no public app lives on,
/// including IPv6 forms that carry an IPv4 address inside (mapped, compatible, translated, NAT64, 6to4).
/// </summary>
internal static class NetworkAddressPolicy
{
    /// <summary>The refusal of a request whose host is a non-public address literal, for an app not on the local network.</summary>
    public static OnwardGuardException NotPublicLiteral(string host) =>
        new($"'{host}' is a private, loopback or link-local address; only an app registered for the local network may be reached there, and only on its own origin.");

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            return IsPublicV4(v4);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
        {
            return false;
        }

        // ::/96 (compatible), ::ffff:0:0/96 (mapped) and ::ffff:0:0:0/96 (translated) hold an IPv4 address at the end.
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && ((b[10] == 0 && b[11] == 0) || (b[10] == 0xFF && b[11] == 0xFF)))
        {
            return IsPublicV4(b[12..]);
        }

        if (b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return IsPublicV4(b[12..]);
        }

        // 64:ff9b::/96 (NAT64) ends with the IPv4 address; 2002::/16 (6to4) holds it in bytes 2 to 5.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        // 2001::/32 (Teredo) hides an address behind a relay, 100::/64 discards, 2001:db8::/32 is for documentation.
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            && !(b[0] == 0x01 && b[1] == 0x00 && b[2..8].IndexOfAnyExcept((byte)0) < 0)
            && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) =>
        !(b[0] == 0
          || b[0] == 10
          || b[0] == 127
          || (b[0] == 100 && (b[1] & 0xC0) == 64)      // 100.64.0.0/10, carrier-grade NAT
          || (b[0] == 169 && b[1] == 254)              // link-local, cloud metadata services
          || (b[0] == 172 && (b[1] & 0xF0) == 16)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 192 && b[1] == 0 && b[2] == 0)   // IETF protocol assignments
          || (b[0] == 192 && b[1] == 0 && b[2] == 2)   // documentation
          || (b[0] == 198 && (b[1] & 0xFE) == 18)      // 198.18.0.0/15, benchmarking
          || (b[0] == 198 && b[1] == 51 && b[2] == 100)
          || (b[0] == 203 && b[1] == 0 && b[2] == 113)
          || b[0] >= 224);                             // multicast and reserved
}
