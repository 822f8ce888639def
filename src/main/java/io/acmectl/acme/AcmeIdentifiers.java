package io.acmectl.acme;

import io.acmectl.core.Identifier;
import io.acmectl.core.Identifiers;
import java.util.Locale;

/**
 * Between core's {@link Identifier} and acme4j's: a DNS name as it is, an IP address (RFC 8738)
 * through {@link java.net.InetAddress} (a literal, never looked up) and back in core's normal form
 * (acme4j gives an IPv6 address in full form, {@code 0:0:0:0:0:0:0:1}).
 */
final class AcmeIdentifiers {
    private AcmeIdentifiers() {}

    static org.shredzone.acme4j.Identifier toAcme(Identifier identifier) {
        return switch (identifier.type()) {
            case DNS -> org.shredzone.acme4j.Identifier.dns(identifier.value());
            case IP -> org.shredzone.acme4j.Identifier.ip(identifier.value());
        };
    }

    /** The core identifier for what the CA named; a wildcard authorization's name gets its "*.". */
    static Identifier fromAcme(org.shredzone.acme4j.Identifier identifier, boolean wildcard) {
        if (org.shredzone.acme4j.Identifier.TYPE_IP.equals(identifier.getType())) {
            return Identifier.ip(Identifiers.normalize(identifier.getIP()));
        }
        String name = identifier.getValue().toLowerCase(Locale.ROOT);
        return Identifier.dns(wildcard ? "*." + name : name);
    }
}
