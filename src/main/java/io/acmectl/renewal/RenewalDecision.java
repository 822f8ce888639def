package io.acmectl.renewal;

import io.acmectl.core.RenewBefore;
import java.time.Instant;

/**
 * Whether a certificate is due, from when, and on what grounds: data, so that the text printer and
 * a JSON printer each say it their way. {@code dueAt} is null for a revoked certificate;
 * {@code windowStart}/{@code windowEnd} are set for {@link Basis#ARI_WINDOW}, {@code rule} for
 * {@link Basis#RENEW_BEFORE}.
 */
public record RenewalDecision(boolean due, Instant dueAt, Basis basis, Instant windowStart, Instant windowEnd,
        RenewBefore rule) {

    public enum Basis {
        /** Revoked: never renewed, only issued again. */
        REVOKED,
        /** A point inside the CA's ARI window. */
        ARI_WINDOW,
        /** A third of the lifetime left (the default without ARI). */
        THIRD_OF_LIFETIME,
        /** Half of the lifetime left (the default for certificates of ten days or less). */
        HALF_OF_LIFETIME,
        /** The certificate's own renew-before rule. */
        RENEW_BEFORE,
        /** Due, but the CA asked (a rate limit's Retry-After) not to be asked before {@code dueAt}. */
        CA_RETRY_AFTER
    }

    static RenewalDecision revoked() {
        return new RenewalDecision(false, null, Basis.REVOKED, null, null, null);
    }
}
