package io.acmectl.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;

/** ACME Renewal Information (RFC 9773): the CA's suggested renewal window for a certificate. */
public final class AriClient {
    /** When the CA gives no Retry-After, ask again after this long (RFC 9773 suggests hours, not minutes). */
    static final Duration DEFAULT_RECHECK = Duration.ofHours(6);

    private final AcmeSessions sessions;

    public AriClient(AcmeSessions sessions) {
        this.sessions = sessions;
    }

    public record Window(Instant start, Instant end, String explanation, Instant nextCheck) {}

    /** The window, or empty when the CA offers no renewalInfo resource. */
    public Optional<Window> fetch(Signer signer, X509Certificate certificate, Instant now) {
        try {
            RenewalInfo info;
            try {
                info = sessions.login(signer).bindRenewalInfo(certificate);
            } catch (AcmeNotSupportedException e) {
                return Optional.empty();
            }
            Optional<Instant> retryAfter = info.fetch();
            Instant next = retryAfter.filter(t -> t.isAfter(now)).orElse(now.plus(DEFAULT_RECHECK));
            return Optional.of(new Window(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                    info.getExplanation().map(Object::toString).orElse(null), next));
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, signer.server(), "fetching renewal information");
        }
    }
}
