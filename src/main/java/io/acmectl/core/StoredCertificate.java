package io.acmectl.core;

import java.time.Instant;
import java.util.List;

/**
 * What the store knows of one certificate lineage: the newest version's facts, the spec that renews
 * it the same way, the account that ordered it (its URL; null before the first issuance is stored),
 * and the cached renewal state. {@code revokedAt} and {@code revocationReason} are null unless revoked.
 */
public record StoredCertificate(
        CertificateName name,
        int version,
        String serial,
        Instant issuedAt,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        String revocationReason,
        CertificateSpec spec,
        String accountUrl,
        RenewalState renewal) {

    public StoredCertificate {
        renewal = renewal == null ? RenewalState.NONE : renewal;
    }

    /** A freshly issued certificate, not yet stored (version 0): revocation and renewal state start over. */
    public static StoredCertificate issued(CertificateName name, String serial, Instant issuedAt, Instant notBefore,
            Instant notAfter, CertificateSpec spec, String accountUrl) {
        return new StoredCertificate(name, 0, serial, issuedAt, notBefore, notAfter, null, null, spec, accountUrl,
                RenewalState.NONE);
    }

    public StoredCertificate withVersion(int newVersion) {
        return new StoredCertificate(name, newVersion, serial, issuedAt, notBefore, notAfter, revokedAt,
                revocationReason, spec, accountUrl, renewal);
    }

    public StoredCertificate revoked(Instant at, String reason) {
        return new StoredCertificate(name, version, serial, issuedAt, notBefore, notAfter, at, reason, spec,
                accountUrl, renewal);
    }

    public StoredCertificate withRenewal(RenewalState state) {
        return new StoredCertificate(name, version, serial, issuedAt, notBefore, notAfter, revokedAt,
                revocationReason, spec, accountUrl, state);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public List<String> domains() {
        return spec.domains();
    }
}
