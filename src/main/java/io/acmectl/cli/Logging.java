package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How much a run logs, and where: stderr gets warnings and errors by default (the CLI prints what
 * matters), only errors with -q, acmectl's steps with -v, and with -vv its details and acme4j's HTTP
 * exchanges (without their signed payloads: {@link SecretFilter}). The log file, when there is one,
 * gets at least info (a record of what each run did), debug with -vv.
 */
final class Logging {
    private static final int TRIES = 100;

    private Logging() {}

    /** {@code verbosity}: -1 quiet, 0, 1 (-v), 2 (-vv); {@code logFile}: null for none. */
    static void configure(int verbosity, Path logFile) {
        LoggerContext context = loggerContext();
        if (context == null) {
            return; // the defaults of LogSetup stay: warnings only
        }
        Level console = verbosity < 0 ? Level.ERROR : verbosity == 0 ? Level.WARN
                : verbosity == 1 ? Level.INFO : Level.DEBUG;
        Level file = logFile == null ? Level.OFF : verbosity >= 2 ? Level.DEBUG : Level.INFO;
        Level acmectl = lower(console, file);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        context.getLogger("io.acmectl").setLevel(acmectl);
        // acme4j logs its HTTP exchanges at debug: only at -vv, and never their payloads.
        context.getLogger("org.shredzone.acme4j").setLevel(verbosity >= 2 ? Level.DEBUG : higher(acmectl, Level.INFO));
        // dnsjava's debug lines show TSIG signing details: never below info.
        context.getLogger("org.xbill.DNS").setLevel(higher(acmectl, Level.INFO));
        root.setLevel(higher(acmectl, Level.WARN));
        // What -vv and the log file need is in classes of their own, loaded only then: a run with nothing to
        // do (hourly, from cron) loads neither logback's filters nor its rolling machinery.
        if (!context.getTurboFilterList().isEmpty()) {
            context.resetTurboFilterList(); // a run before in this JVM (tests)
        }
        if (verbosity >= 2) {
            SecretFilter.install(context);
        }
        Appender<ILoggingEvent> stderr = root.getAppender("stderr");
        if (stderr != null) {
            stderr.clearAllFilters();
        }
        Appender<ILoggingEvent> previous = root.getAppender(LazyFileAppender.NAME); // a run before in this JVM (tests)
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        if (logFile != null) {
            LazyFileAppender.attach(root, logFile, stderr, console);
        }
    }

    private static Level lower(Level a, Level b) {
        return a.isGreaterOrEqual(b) ? b : a;
    }

    private static Level higher(Level a, Level b) {
        return a.isGreaterOrEqual(b) ? a : b;
    }

    /**
     * While logback initialises, slf4j hands other threads a stand-in factory; a command run in
     * a process that is still starting its logging (tests run commands side by side) waits for it.
     */
    private static LoggerContext loggerContext() {
        for (int i = 0; i < TRIES; i++) {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof LoggerContext context) {
                return context;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
