package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.config.ChallengeSettings;
import java.time.Instant;
import java.util.List;

/**
 * What the store knows of one certificate lineage ({@code renewal/NAME.yaml}): enough to renew it
 * the same way without asking the user again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredCertificate(
        String name,
        String server,
        String account,
        List<String> domains,
        String keyType,
        ChallengeSettings challenge,
        int version,
        String serial,
        Instant issuedAt,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        String revocationReason) {

    /** The same lineage, as of a new version. */
    public StoredCertificate withVersion(int newVersion) {
        return new StoredCertificate(name, server, account, domains, keyType, challenge, newVersion, serial, issuedAt,
                notBefore, notAfter, null, null);
    }

    public StoredCertificate revoked(Instant at, String reason) {
        return new StoredCertificate(name, server, account, domains, keyType, challenge, version, serial, issuedAt,
                notBefore, notAfter, at, reason);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
