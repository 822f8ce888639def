package io.acmectl.challenge;

import io.acmectl.core.Identifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;

/**
 * The names tls-alpn-01 puts on the wire for an identifier: the SNI name the CA asks for, and the
 * address of an IP identifier. A core {@code Identifier} names only DNS names today; one whose
 * value is an IP literal is taken for an IP identifier (RFC 8738) already, so the listener is
 * ready when core gains that type.
 */
final class TlsAlpnNames {
    private TlsAlpnNames() {}

    /**
     * The SNI name the CA sends (RFC 8737 section 3, RFC 8738 section 6): the DNS name itself, or
     * for an IP address its reverse-DNS name ({@code 1.0.0.127.in-addr.arpa}, the nibbles of an
     * IPv6 address under {@code ip6.arpa}). Lower case, as the listener compares it.
     */
    static String sniName(Identifier identifier) {
        if (identifier.isWildcard()) {
            throw new IllegalArgumentException("tls-alpn-01 cannot prove the wildcard " + identifier);
        }
        return ipAddress(identifier).map(TlsAlpnNames::reverseName)
                .orElseGet(() -> identifier.value().toLowerCase(Locale.ROOT));
    }

    /** The address an identifier names when its value is an IP literal; empty for a DNS name. */
    static Optional<InetAddress> ipAddress(Identifier identifier) {
        String value = identifier.value();
        if (!IPAddress.isValidIPv4(value) && !IPAddress.isValidIPv6(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a valid IP literal did not parse: " + value, e);
        }
    }

    private static String reverseName(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int octet = bytes[i] & 0xff;
            if (bytes.length == 4) {
                name.append(octet).append('.');
            } else {
                name.append(Character.forDigit(octet & 0xf, 16)).append('.')
                        .append(Character.forDigit(octet >> 4, 16)).append('.');
            }
        }
        return name.append(bytes.length == 4 ? "in-addr.arpa" : "ip6.arpa").toString();
    }
}
