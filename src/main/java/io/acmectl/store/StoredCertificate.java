package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.config.CertificateSettings;
import java.time.Instant;
import java.util.List;

/**
 * What the store knows of one certificate lineage ({@code renewal/NAME.json}): the newest version's
 * facts, the settings that renew it the same way, and the cached renewal state.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredCertificate(
        String name,
        int version,
        String serial,
        Instant issuedAt,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        String revocationReason,
        CertificateSettings settings,
        RenewalState renewal) {

    public StoredCertificate {
        renewal = renewal == null ? RenewalState.NONE : renewal;
    }

    /** A freshly issued version: revocation and renewal state start over. */
    public static StoredCertificate issued(String name, String serial, Instant issuedAt, Instant notBefore,
            Instant notAfter, CertificateSettings settings) {
        return new StoredCertificate(name, 0, serial, issuedAt, notBefore, notAfter, null, null, settings,
                RenewalState.NONE);
    }

    public StoredCertificate withVersion(int newVersion) {
        return new StoredCertificate(name, newVersion, serial, issuedAt, notBefore, notAfter, revokedAt,
                revocationReason, settings, renewal);
    }

    public StoredCertificate revoked(Instant at, String reason) {
        return new StoredCertificate(name, version, serial, issuedAt, notBefore, notAfter, at, reason, settings,
                renewal);
    }

    public StoredCertificate withRenewal(RenewalState state) {
        return new StoredCertificate(name, version, serial, issuedAt, notBefore, notAfter, revokedAt,
                revocationReason, settings, state);
    }

    @JsonIgnore
    public boolean isRevoked() {
        return revokedAt != null;
    }

    @JsonIgnore
    public List<String> domains() {
        return settings.domains();
    }
}
