package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.slf4j.Marker;

/**
 * At -vv acme4j logs every HTTP exchange; JWS bodies never reach a log. With each signed request it
 * logs the payload: a new account's carries the EAB binding (a MAC made with the CA's HMAC key), a key
 * change's the inner JWS signed by the new key, a revocation by key the certificate. Those lines are
 * dropped before they are even formatted; the request line and its JWS header (public key, nonce,
 * URL) stay. A CA's answer that holds a JWS (Pebble echoes an account's EAB binding) is logged with the
 * JWS's parts withheld. dnsjava logs TSIG details at debug: it is held at info (see {@link Logging}).
 */
final class SecretFilter extends TurboFilter {
    /** acme4j 4.0.0's JoseUtils.createJoseRequest: {@code LOG.debug("  Payload: {}", claims)}. */
    static final String JOSE_LOGGER = "org.shredzone.acme4j.toolbox.JoseUtils";
    /** acme4j 4.0.0's DefaultConnection.readJsonResponse: {@code LOG.debug("Result JSON: {}", json)}. */
    static final String RESULT = "Result JSON: {}";
    private static final Pattern JWS_PART = Pattern.compile("\"(protected|payload|signature)\"\\s*:\\s*\"[^\"]*\"");

    static void install(ch.qos.logback.classic.LoggerContext context) {
        SecretFilter filter = new SecretFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || !logger.getName().startsWith("org.shredzone.acme4j")) {
            return FilterReply.NEUTRAL;
        }
        if (logger.getName().equals(JOSE_LOGGER) && format.contains("Payload")) {
            return FilterReply.DENY;
        }
        if (format.equals(RESULT) && params != null && params.length == 1 && params[0] != null) {
            String answer = params[0].toString();
            if (JWS_PART.matcher(answer).find()) {
                logger.debug("Result JSON (JWS withheld): {}", JWS_PART.matcher(answer).replaceAll("\"$1\":\"...\""));
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
