package io.acmectl.acme;

import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * A transient failure (the CA failed with HTTP 5xx or badNonce, or could not be reached), after
 * {@link #tries()} tries: {@link Retries} asks again while the policy allows, then lets it go. An
 * {@link AcmeException}, so it travels through acme4j's code like the failure it wraps (its cause).
 */
final class GaveUp extends AcmeException {
    private static final long serialVersionUID = 1L;

    private final int tries;
    private final Integer status;
    private final transient Instant retryAfter;

    GaveUp(AcmeException last, int tries, Integer status, Instant retryAfter) {
        super(last.getMessage(), last);
        this.tries = tries;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The same failure, counted as {@code tries} tries. */
    GaveUp after(int tries) {
        return tries == this.tries ? this : new GaveUp(last(), tries, status, retryAfter);
    }

    int tries() {
        return tries;
    }

    /** The HTTP status of the last answer; empty when the last try got no answer at all. */
    Optional<Integer> status() {
        return Optional.ofNullable(status);
    }

    /** When the CA asked to be asked again, if it did. */
    Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    AcmeException last() {
        return (AcmeException) getCause();
    }

    /** For the log: the status, else what went wrong on the way. */
    String describe() {
        if (status != null) {
            return "HTTP " + status;
        }
        Throwable cause = last().getCause() == null ? last() : last().getCause();
        return AcmeFailures.describe(cause);
    }
}
