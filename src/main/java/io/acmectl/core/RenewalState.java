package io.acmectl.core;

import java.time.Instant;

/**
 * What acmectl last learned about renewing a certificate: the CA's ARI window (RFC 9773) and when
 * it may be asked again, the last failure and how long the CA asked us to wait after it
 * ({@code caRetryAfter}: a rate limit's Retry-After), and whether the newest version's deploy hooks
 * still have to run ({@code deployPending}: set when it is stored, cleared once they ran, so a run
 * killed in between is made good by the next). Cached so that a run with nothing due stays local.
 * Every field may be null.
 */
public record RenewalState(
        Instant ariWindowStart,
        Instant ariWindowEnd,
        String ariExplanation,
        Instant ariNextCheck,
        Boolean ariUnsupported,
        String lastFailure,
        Instant lastFailureAt,
        Instant caRetryAfter,
        Boolean deployPending) {
    public static final RenewalState NONE = new RenewalState(null, null, null, null, null, null, null, null, null);

    /** The fields acmectl had before {@code caRetryAfter} and {@code deployPending}. */
    public RenewalState(Instant ariWindowStart, Instant ariWindowEnd, String ariExplanation, Instant ariNextCheck,
            Boolean ariUnsupported, String lastFailure, Instant lastFailureAt) {
        this(ariWindowStart, ariWindowEnd, ariExplanation, ariNextCheck, ariUnsupported, lastFailure, lastFailureAt,
                null, null);
    }

    public RenewalState withAri(Instant start, Instant end, String explanation, Instant nextCheck) {
        return new RenewalState(start, end, explanation, nextCheck, null, lastFailure, lastFailureAt, caRetryAfter,
                deployPending);
    }

    /** The CA offers no ARI: the lifetime rule applies, and the CA is asked again at {@code nextCheck}. */
    public RenewalState withoutAri(Instant nextCheck) {
        return new RenewalState(null, null, null, nextCheck, true, lastFailure, lastFailureAt, caRetryAfter,
                deployPending);
    }

    /** The cached window stays; the CA is asked again at {@code nextCheck}. */
    public RenewalState withAriNextCheck(Instant nextCheck) {
        return new RenewalState(ariWindowStart, ariWindowEnd, ariExplanation, nextCheck, ariUnsupported, lastFailure,
                lastFailureAt, caRetryAfter, deployPending);
    }

    public RenewalState withFailure(String failure, Instant at) {
        return withFailure(failure, at, null);
    }

    /** {@code retryAfter}: when the CA said it may be asked again (null when it said nothing). */
    public RenewalState withFailure(String failure, Instant at, Instant retryAfter) {
        return new RenewalState(ariWindowStart, ariWindowEnd, ariExplanation, ariNextCheck, ariUnsupported, failure, at,
                retryAfter, deployPending);
    }

    public RenewalState withDeployPending(boolean pending) {
        return new RenewalState(ariWindowStart, ariWindowEnd, ariExplanation, ariNextCheck, ariUnsupported,
                lastFailure, lastFailureAt, caRetryAfter, pending ? Boolean.TRUE : null);
    }

    public boolean hasAriWindow() {
        return ariWindowStart != null && ariWindowEnd != null;
    }

    public boolean isDeployPending() {
        return Boolean.TRUE.equals(deployPending);
    }

    /** Whether the CA asked not to be asked again before a time still to come. */
    public boolean mustWait(Instant now) {
        return caRetryAfter != null && now.isBefore(caRetryAfter);
    }
}
