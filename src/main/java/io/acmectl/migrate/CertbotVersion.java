package io.acmectl.migrate;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * One archived version of a certbot lineage ({@code archive/NAME/*N.pem}): its number there, its key, its
 * chain (the certificate first) and when its certificate file was written.
 */
public record CertbotVersion(int number, KeyPair key, List<X509Certificate> chain, Instant writtenAt) {
    public CertbotVersion {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
