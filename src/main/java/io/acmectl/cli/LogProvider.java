package io.acmectl.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;

/**
 * Logback, booted straight into {@link LogSetup}'s configuration: the SLF4J provider of acmectl's
 * own runs, chosen by {@link #choose()} before anything logs. Logback's own boot searches for
 * configurators, checks its versions, times itself in a message that links Java's string
 * concatenation machinery (the only code of a no-op run that needs it), and sets up its status
 * printer with a date formatter: 20 ms of a no-op renew's 200 (bench/README.md). Where SLF4J finds
 * logback by itself (tests, embedders), logback's boot finds {@code LogSetup} through
 * META-INF/services and the configuration is the same.
 */
public final class LogProvider extends LogbackServiceProvider {
    /** Names this provider to SLF4J, unless one is named already; its line saying so is left out. */
    public static void choose() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LogProvider.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        LoggerContext context = (LoggerContext) getLoggerFactory();
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(getMDCAdapter());
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        // As logback's boot does: its own warnings and errors (an appender that cannot start) are printed.
        if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            StatusPrinter.printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
    }
}
