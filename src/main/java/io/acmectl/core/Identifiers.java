package io.acmectl.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that turns what a user typed (a name on the command line, an entry of a want
 * list's {@code domains:}) into an {@link Identifier}: an IP literal becomes an IP identifier
 * (RFC 8738) in its normal form, anything else goes through {@link DomainName#normalize}.
 *
 * <p>Nothing here resolves a host name: an IPv4 address is parsed by hand (a dotted quad of
 * decimal numbers 0 to 255, no leading zeros: {@code 010} is octal to some parsers, so it is
 * refused rather than guessed), and {@link InetAddress#getByName} sees only text with a ':', which
 * it parses as an IPv6 literal without a lookup. IPv6 comes out lower-case and compressed as RFC
 * 5952 says ({@code 2001:db8::1}).
 */
public final class Identifiers {
    private Identifiers() {}

    /** The identifier for one name or address a user gave. */
    public static Identifier parse(String input) {
        String text = input == null ? "" : input.strip();
        if (text.indexOf(':') >= 0) {
            return Identifier.ip(ipv6(input, text));
        }
        if (dottedDigits(text)) {
            return Identifier.ip(ipv4(input, text));
        }
        return Identifier.dns(DomainName.normalize(input));
    }

    /** Parses every input, keeping the first-given order and dropping repeats. */
    public static List<Identifier> parseAll(Collection<String> inputs) {
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (String input : inputs) {
            identifiers.add(parse(input));
        }
        return new ArrayList<>(identifiers);
    }

    /** Whether the text is an IP literal (it may still be an invalid one). */
    public static boolean looksLikeIp(String input) {
        String text = input == null ? "" : input.strip();
        return text.indexOf(':') >= 0 || dottedDigits(text);
    }

    /** Digits and dots only, and a digit at least ({@code "."} is a name, empty, for DomainName to word). */
    private static boolean dottedDigits(String text) {
        return text.chars().anyMatch(c -> c >= '0' && c <= '9')
                && text.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** The normal form of an address (any {@link InetAddress}, e.g. from a certificate's SAN). */
    public static String normalize(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        return compressed(groups);
    }

    private static String ipv4(String input, String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(input, "an IPv4 address has four numbers separated by dots (192.0.2.10)");
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                throw invalid(input, "each of the four numbers is 0 to 255");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw invalid(input, Quote.of(part) + " has a leading zero (some read it as octal); write it without");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw invalid(input, "each of the four numbers is 0 to 255");
            }
            out.append(out.isEmpty() ? "" : ".").append(value);
        }
        return out.toString();
    }

    private static String ipv6(String input, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':'
                    || c == '.';
            if (!allowed) {
                throw invalid(input, Quote.of(String.valueOf(c)) + " is not allowed in an IPv6 address"
                        + (c == '%' ? " (a zone such as %eth0 has no place in a certificate)" : ""));
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text); // a ':' makes this a literal parse, never a lookup
        } catch (UnknownHostException e) {
            throw invalid(input, "it is not an IPv6 address");
        }
        if (!(address instanceof Inet6Address)) {
            throw invalid(input, "an IPv4-mapped IPv6 address; give the IPv4 address itself");
        }
        return normalize(address);
    }

    /** RFC 5952: lower-case hex without leading zeros, the longest run (two or more) of zero groups as "::". */
    private static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < groups.length && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static Failure.BadInput invalid(String input, String why) {
        return new Failure.BadInput("invalid IP address " + Quote.of(input) + ": " + why);
    }
}
