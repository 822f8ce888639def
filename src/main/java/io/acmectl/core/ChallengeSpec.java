package io.acmectl.core;

import java.nio.file.Path;

/**
 * How to prove control of a name, as the user asked for it. One record per way; a new challenge
 * type is a new record here, a solver factory for it in {@code challenge}, and one registry entry.
 */
public sealed interface ChallengeSpec {
    /** The ACME challenge type this spec answers ({@code http-01}...). */
    String challengeType();

    /**
     * Whether this way can prove control of the identifier at all: a wildcard needs dns-01, and an
     * IP address (RFC 8738 section 7) never can by dns-01, only by http-01 or tls-alpn-01. So the
     * default (http-01, tls-alpn-01) proves an IP; dns-01's record, when it lands, overrides this to
     * prove wildcards and refuse IPs ({@link ChallengeChoice#refusal} words that refusal).
     */
    default boolean canProve(Identifier identifier) {
        return !identifier.isWildcard();
    }

    String HTTP_01 = "http-01";
    String TLS_ALPN_01 = "tls-alpn-01";
    String DNS_01 = "dns-01";
    String DNS_PERSIST_01 = "dns-persist-01";

    /** http-01 through files in a running web server's document root. */
    record Webroot(Path folder) implements ChallengeSpec {
        public Webroot {
            folder = folder.toAbsolutePath();
        }

        @Override
        public String challengeType() {
            return HTTP_01;
        }
    }

    /** http-01 through acmectl's own listener; {@code address} null means every address. */
    record Standalone(int port, String address) implements ChallengeSpec {
        public static final int DEFAULT_PORT = 80;

        public Standalone {
            if (port < 1 || port > 65535) {
                throw new Failure.BadInput("port " + port + " is not between 1 and 65535");
            }
        }

        @Override
        public String challengeType() {
            return HTTP_01;
        }
    }

    /**
     * tls-alpn-01 (RFC 8737) through acmectl's own TLS listener; {@code address} null means every
     * address. Like http-01 it cannot prove a wildcard.
     */
    record TlsAlpn(int port, String address) implements ChallengeSpec {
        public static final int DEFAULT_PORT = 443;

        public TlsAlpn {
            if (port < 1 || port > 65535) {
                throw new Failure.BadInput("port " + port + " is not between 1 and 65535");
            }
        }

        @Override
        public String challengeType() {
            return TLS_ALPN_01;
        }
    }

    /**
     * dns-01 (RFC 8555 section 8.4): a TXT record at {@code _acme-challenge.NAME}, published by
     * {@code publisher}. The only way to prove a wildcard; never an IP address (RFC 8738 section 7).
     */
    record Dns01(DnsPublisher publisher) implements ChallengeSpec {
        public Dns01 {
            java.util.Objects.requireNonNull(publisher, "publisher");
        }

        @Override
        public String challengeType() {
            return DNS_01;
        }

        @Override
        public boolean canProve(Identifier identifier) {
            return !identifier.isIp();
        }
    }

    /**
     * dns-persist-01 (draft-ietf-acme-dns-persist): a lasting TXT record at
     * {@code _validation-persist.NAME} naming the CA and the account, published once by
     * {@code publisher}; later orders need no DNS change. Never an IP address.
     */
    record DnsPersist01(DnsPublisher publisher) implements ChallengeSpec {
        public DnsPersist01 {
            java.util.Objects.requireNonNull(publisher, "publisher");
        }

        @Override
        public String challengeType() {
            return DNS_PERSIST_01;
        }

        @Override
        public boolean canProve(Identifier identifier) {
            return !identifier.isIp();
        }
    }
}
