package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import java.time.Instant;

/**
 * {@code renewal/NAME.json}: one lineage's newest version, the settings that renew it the same way,
 * and the cached renewal state, in the shape acmectl has always written (kebab-case keys, ISO
 * instants, absent values left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LineageRecord(
        String name,
        int version,
        String serial,
        Instant issuedAt,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        String revocationReason,
        SettingsRecord settings,
        RenewalRecord renewal) {

    static LineageRecord of(StoredCertificate lineage) {
        return new LineageRecord(lineage.name().value(), lineage.version(), lineage.serial(), lineage.issuedAt(),
                lineage.notBefore(), lineage.notAfter(), lineage.revokedAt(), lineage.revocationReason(),
                SettingsRecord.of(lineage.spec(), lineage.accountUrl()), RenewalRecord.of(lineage.renewal()));
    }

    /** {@code name}: the lineage the file belongs to, which its file name says. */
    StoredCertificate toLineage(CertificateName lineageName) {
        if (settings == null) {
            throw new Failure.BadInput("it has no settings");
        }
        return new StoredCertificate(lineageName, version, serial, issuedAt, notBefore, notAfter, revokedAt,
                revocationReason, settings.toSpec(), settings.account(),
                renewal == null ? RenewalState.NONE : renewal.toState());
    }

    /** {@link RenewalState}, field for field; written as {@code { }} when nothing is known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RenewalRecord(
            Instant ariWindowStart,
            Instant ariWindowEnd,
            String ariExplanation,
            Instant ariNextCheck,
            Boolean ariUnsupported,
            String lastFailure,
            Instant lastFailureAt,
            Instant caRetryAfter,
            Boolean deployPending) {

        static RenewalRecord of(RenewalState state) {
            return new RenewalRecord(state.ariWindowStart(), state.ariWindowEnd(), state.ariExplanation(),
                    state.ariNextCheck(), state.ariUnsupported(), state.lastFailure(), state.lastFailureAt(),
                    state.caRetryAfter(), state.deployPending());
        }

        RenewalState toState() {
            return new RenewalState(ariWindowStart, ariWindowEnd, ariExplanation, ariNextCheck, ariUnsupported,
                    lastFailure, lastFailureAt, caRetryAfter, deployPending);
        }
    }
}
