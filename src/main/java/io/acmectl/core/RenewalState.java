package io.acmectl.core;

import java.time.Instant;

/**
 * What acmectl last learned about renewing a certificate: the CA's ARI window (RFC 9773) and when
 * it may be asked again, and the last failure. Cached so that a run with nothing due stays local.
 * Every field may be null.
 */
public record RenewalState(
        Instant ariWindowStart,
        Instant ariWindowEnd,
        String ariExplanation,
        Instant ariNextCheck,
        Boolean ariUnsupported,
        String lastFailure,
        Instant lastFailureAt) {
    public static final RenewalState NONE = new RenewalState(null, null, null, null, null, null, null);

    public RenewalState withAri(Instant start, Instant end, String explanation, Instant nextCheck) {
        return new RenewalState(start, end, explanation, nextCheck, null, lastFailure, lastFailureAt);
    }

    /** The CA offers no ARI: the lifetime rule applies, and the CA is asked again at {@code nextCheck}. */
    public RenewalState withoutAri(Instant nextCheck) {
        return new RenewalState(null, null, null, nextCheck, true, lastFailure, lastFailureAt);
    }

    public RenewalState withFailure(String failure, Instant at) {
        return new RenewalState(ariWindowStart, ariWindowEnd, ariExplanation, ariNextCheck, ariUnsupported, failure, at);
    }

    public boolean hasAriWindow() {
        return ariWindowStart != null && ariWindowEnd != null;
    }
}
