package io.acmectl.challenge;

import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;

/**
 * tls-alpn-01 (RFC 8737): a TLS handshake on port 443 that negotiates ALPN {@code acme-tls/1} and,
 * for the identifier's SNI name, presents a self-signed certificate carrying the SHA-256 of
 * {@code keyAuthorization} in a critical acmeIdentifier extension.
 */
public record TlsAlpn01Proof(Identifier identifier, String keyAuthorization) implements Proof {
    public TlsAlpn01Proof {
        if (keyAuthorization == null || keyAuthorization.isEmpty()) {
            throw new Failure.CaRefused("the CA sent a tls-alpn-01 challenge without a key authorization");
        }
    }
}
