package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/**
 * The levels of each verbosity, and what -vv keeps out of logs: acme4j's signed payloads, the JWS a
 * CA's answer may hold, dnsjava's TSIG details. Changes the JVM's logging while it runs.
 */
@Isolated // the levels are the JVM's: no other test may log or reconfigure meanwhile
class LoggingTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @AfterEach
    void back() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(seen);
        Logging.configure(0, null);
    }

    private List<String> logged(int verbosity, Runnable logging) {
        Logging.configure(verbosity, null);
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
        logging.run();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(seen);
        return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void eachVerbosityHasItsLevels() {
        org.slf4j.Logger acmectl = LoggerFactory.getLogger("io.acmectl.flow.Anything");
        org.slf4j.Logger acme4j = LoggerFactory.getLogger("org.shredzone.acme4j.connector.DefaultConnection");
        org.slf4j.Logger dnsjava = LoggerFactory.getLogger("org.xbill.DNS.TSIG");
        Logging.configure(-1, null);
        assertFalse(acmectl.isWarnEnabled());
        Logging.configure(0, null);
        assertTrue(acmectl.isWarnEnabled());
        assertFalse(acmectl.isInfoEnabled());
        Logging.configure(1, null);
        assertTrue(acmectl.isInfoEnabled() && acme4j.isInfoEnabled());
        assertFalse(acmectl.isDebugEnabled() || acme4j.isDebugEnabled());
        Logging.configure(2, null);
        assertTrue(acmectl.isDebugEnabled() && acme4j.isDebugEnabled());
        assertFalse(dnsjava.isDebugEnabled(), "dnsjava's TSIG lines stay out even at -vv");
    }

    @Test
    void fullVerbosityWithholdsSignedPayloadsAndJwsInAnswers() {
        org.slf4j.Logger jose = LoggerFactory.getLogger(SecretFilter.JOSE_LOGGER);
        org.slf4j.Logger connection = LoggerFactory.getLogger("org.shredzone.acme4j.connector.DefaultConnection");
        List<String> lines = logged(2, () -> {
            jose.debug("{} {}", "POST", "https://ca.test/new-acct");
            jose.debug("  Payload: {}", "{\"externalAccountBinding\":{\"signature\":\"c2VjcmV0\"}}");
            jose.debug("  JWS Header: {}", "{\"alg\":\"ES256\"}");
            connection.debug(SecretFilter.RESULT, "{\"status\":\"valid\",\"externalAccountBinding\":{\"protected\":"
                    + "\"eyJh\",\"payload\":\"eyJr\",\"signature\":\"c2VjcmV0\"}}");
            connection.debug(SecretFilter.RESULT, "{\"status\":\"valid\"}");
        });
        assertEquals(List.of("POST https://ca.test/new-acct", "  JWS Header: {\"alg\":\"ES256\"}",
                "Result JSON (JWS withheld): {\"status\":\"valid\",\"externalAccountBinding\":{\"protected\":\"...\","
                        + "\"payload\":\"...\",\"signature\":\"...\"}}",
                "Result JSON: {\"status\":\"valid\"}"), lines);
    }
}
