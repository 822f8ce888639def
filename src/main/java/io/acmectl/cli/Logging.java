package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Quiet by default (the CLI prints what matters); --verbose shows acmectl's steps. */
final class Logging {
    private Logging() {}

    static void configure(boolean verbose) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("io.acmectl").setLevel(verbose ? Level.DEBUG : Level.WARN);
        // acme4j logs request and response bodies at DEBUG: keep them out of logs even when verbose.
        context.getLogger("org.shredzone.acme4j").setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
}
