package io.acmectl.renewal;

import io.acmectl.core.RenewBefore;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.renewal.RenewalDecision.Basis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is due. Where the CA published an ARI window (RFC 9773), at a point inside it
 * that is random per certificate but the same on every run (so hourly cron runs do not each roll
 * the dice); otherwise by the lifetime rule of {@link RenewBefore}. An explicit renew-before
 * can make it earlier than the ARI point, never later. Pure: the clock's reading is passed in.
 */
public final class RenewalCheck {
    private static final Duration SHORT_LIVED = Duration.ofDays(10);

    public RenewalDecision decide(StoredCertificate certificate, Instant now) {
        if (certificate.isRevoked()) {
            return RenewalDecision.revoked();
        }
        RenewalDecision decision = byTime(certificate, now);
        if (decision.due() && certificate.renewal().mustWait(now)) {
            return new RenewalDecision(false, certificate.renewal().caRetryAfter(), Basis.CA_RETRY_AFTER, null, null,
                    null);
        }
        return decision;
    }

    private RenewalDecision byTime(StoredCertificate certificate, Instant now) {
        RenewBefore rule = certificate.spec().renewBefore();
        Instant byLifetime = rule.dueAt(certificate.notBefore(), certificate.notAfter());
        RenewalState state = certificate.renewal();
        if (state.hasAriWindow()) {
            Instant byAri = pointInWindow(state.ariWindowStart(), state.ariWindowEnd(), certificate.serial());
            if (rule.isAuto() || byAri.isBefore(byLifetime)) {
                return new RenewalDecision(!now.isBefore(byAri), byAri, Basis.ARI_WINDOW, state.ariWindowStart(),
                        state.ariWindowEnd(), null);
            }
        }
        Basis basis = !rule.isAuto() ? Basis.RENEW_BEFORE
                : Duration.between(certificate.notBefore(), certificate.notAfter()).compareTo(SHORT_LIVED) <= 0
                        ? Basis.HALF_OF_LIFETIME : Basis.THIRD_OF_LIFETIME;
        return new RenewalDecision(!now.isBefore(byLifetime), byLifetime, basis, null, null,
                basis == Basis.RENEW_BEFORE ? rule : null);
    }

    /** A uniformly spread, stable point of the window, seeded by the certificate's serial. */
    static Instant pointInWindow(Instant start, Instant end, String serial) {
        long span = Duration.between(start, end).toSeconds();
        if (span <= 0) {
            return start;
        }
        byte[] digest = SHA_256.get().digest(String.valueOf(serial).getBytes(StandardCharsets.UTF_8));
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (digest[i] & 0xff);
        }
        return start.plusSeconds(Math.floorMod(seed, span));
    }

    /** One digest per thread: looking the algorithm up among the providers cost more than the digest. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    });
}
