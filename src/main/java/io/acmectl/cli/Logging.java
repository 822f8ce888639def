package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Quiet by default (the CLI prints what matters); --verbose shows acmectl's steps. */
final class Logging {
    private static final int TRIES = 100;

    private Logging() {}

    static void configure(boolean verbose) {
        LoggerContext context = loggerContext();
        if (context == null) {
            return; // the defaults of LogSetup stay: warnings only
        }
        context.getLogger("io.acmectl").setLevel(verbose ? Level.DEBUG : Level.WARN);
        // acme4j logs request and response bodies at DEBUG: keep them out of logs even when verbose.
        context.getLogger("org.shredzone.acme4j").setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
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
