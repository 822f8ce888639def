package io.acmectl.renewal;

import io.acmectl.config.RenewBefore;
import io.acmectl.store.RenewalState;
import io.acmectl.store.StoredCertificate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is due. Where the CA published an ARI window (RFC 9773), at a point inside it
 * that is random per certificate but the same on every run (so hourly cron runs do not each roll
 * the dice); otherwise by the lifetime rule of {@link RenewBefore}. An explicit renew-before
 * can make it earlier than the ARI point, never later.
 */
public final class RenewalPolicy {
    public RenewalDecision decide(StoredCertificate certificate, Instant now) {
        if (certificate.isRevoked()) {
            return new RenewalDecision(false, null, "revoked " + certificate.revokedAt() + "; issue it again to renew");
        }
        RenewBefore rule = RenewBefore.parse(certificate.settings().renewBefore());
        rule = rule == null ? RenewBefore.AUTO : rule;
        Instant byLifetime = rule.dueAt(certificate.notBefore(), certificate.notAfter());
        RenewalState state = certificate.renewal();
        if (state.ariWindowStart() != null && state.ariWindowEnd() != null) {
            Instant byAri = pointInWindow(state.ariWindowStart(), state.ariWindowEnd(), certificate.serial());
            if (rule.isAuto() || byAri.isBefore(byLifetime)) {
                return new RenewalDecision(!now.isBefore(byAri), byAri, "ARI window " + state.ariWindowStart()
                        + " to " + state.ariWindowEnd());
            }
        }
        String why = rule.isAuto() ? (Duration.between(certificate.notBefore(), certificate.notAfter())
                .compareTo(Duration.ofDays(10)) <= 0 ? "half of the lifetime left" : "a third of the lifetime left")
                : rule.describe();
        return new RenewalDecision(!now.isBefore(byLifetime), byLifetime, why);
    }

    /** A uniformly spread, stable point of the window, seeded by the certificate's serial. */
    static Instant pointInWindow(Instant start, Instant end, String serial) {
        long span = Duration.between(start, end).toSeconds();
        if (span <= 0) {
            return start;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(serial)
                    .getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (digest[i] & 0xff);
            }
            return start.plusSeconds(Math.floorMod(seed, span));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
