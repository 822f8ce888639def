package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The provider acmectl's own runs boot logback with sets it up as logback's boot sets it up through
 * {@link LogSetup}. A whole run through {@code Main} is in {@link LogAndJsonProcessTest}: its DEBUG
 * lines come through this provider, and its quiet run asserts an empty stderr.
 */
class LogProviderTest {
    @Test
    void bootsLogbackIntoTheConfigurationOfLogSetup() {
        LogProvider provider = new LogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertTrue(context.isStarted());
        assertEquals(CoreConstants.DEFAULT_CONTEXT_NAME, context.getName());
        assertSame(provider.getMDCAdapter(), context.getMDCAdapter());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        Appender<ILoggingEvent> stderr = root.getAppender("stderr");
        assertNotNull(stderr, "the stderr appender of LogSetup");
        assertTrue(stderr.isStarted());
        assertEquals("System.err", ((ConsoleAppender<ILoggingEvent>) stderr).getTarget());
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES) // SLF4J read them when it started: its logging is untouched
    void namesItselfUnlessAProviderIsNamedAlready() {
        String provider = System.getProperty("slf4j.provider");
        String verbosity = System.getProperty("slf4j.internal.verbosity");
        try {
            System.clearProperty("slf4j.provider");
            System.clearProperty("slf4j.internal.verbosity");
            LogProvider.choose();
            assertEquals(LogProvider.class.getName(), System.getProperty("slf4j.provider"));
            assertEquals("WARN", System.getProperty("slf4j.internal.verbosity"), "its 'attempting to load' line stays out");

            System.setProperty("slf4j.provider", "org.example.TheirOwn");
            System.clearProperty("slf4j.internal.verbosity");
            LogProvider.choose();
            assertEquals("org.example.TheirOwn", System.getProperty("slf4j.provider"));
            assertEquals(null, System.getProperty("slf4j.internal.verbosity"));
        } finally {
            restore("slf4j.provider", provider);
            restore("slf4j.internal.verbosity", verbosity);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
