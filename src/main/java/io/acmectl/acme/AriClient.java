package io.acmectl.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;

/**
 * ACME Renewal Information (RFC 9773): the CA's suggested renewal window for a certificate. A
 * lookup waits less than an order ({@link NetworkPolicy#forRenewalInfo()}: 10 s, one retry): it is
 * advisory, the cached window or the lifetime rule stand in when it fails, and a run asks it for
 * every certificate before it knows which are due.
 */
public final class AriClient {
    /** When the CA gives no Retry-After, ask again after this long (RFC 9773 suggests hours, not minutes). */
    static final Duration DEFAULT_RECHECK = Duration.ofHours(6);

    private final AcmeSessions sessions;
    private final NetworkPolicy policy;

    public AriClient(AcmeSessions sessions) {
        this.sessions = sessions;
        this.policy = sessions.policy().forRenewalInfo();
    }

    public record Window(Instant start, Instant end, String explanation, Instant nextCheck) {}

    /** The window, or empty when the CA offers no renewalInfo resource. */
    public Optional<Window> fetch(Signer signer, X509Certificate certificate, Instant now) {
        return AcmeFailures.at(signer.server(), "fetching renewal information", () -> {
            RenewalInfo info;
            try {
                info = sessions.loginOnThisThread(signer, policy).bindRenewalInfo(certificate);
            } catch (AcmeNotSupportedException e) {
                return Optional.empty();
            }
            Optional<Instant> retryAfter = info.fetch();
            Instant next = retryAfter.filter(t -> t.isAfter(now)).orElse(now.plus(DEFAULT_RECHECK));
            return Optional.of(new Window(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                    info.getExplanation().map(Object::toString).orElse(null), next));
        });
    }
}
