package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * At -vv acme4j logs every HTTP exchange, and with each signed request its payload: the JWS body of a
 * new account carries the EAB binding (a MAC made with the CA's HMAC key), a key change the inner JWS
 * signed by the new key, a revocation by key the certificate. Those payload lines are dropped before
 * they are even formatted; the request line, its JWS header (public key, nonce, URL) and the CA's
 * answers stay. dnsjava logs TSIG details at debug: it is held at info (see {@link Logging}).
 */
final class SecretFilter extends TurboFilter {
    /** acme4j 4.0.0's JoseUtils.createJoseRequest: {@code LOG.debug("  Payload: {}", claims)}. */
    static final String JOSE_LOGGER = "org.shredzone.acme4j.toolbox.JoseUtils";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format != null && logger.getName().equals(JOSE_LOGGER) && format.contains("Payload")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
