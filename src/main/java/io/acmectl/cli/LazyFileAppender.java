package io.acmectl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Path;

/**
 * The log file's appender, opened at the first line logged: a run with nothing to log (a renewal with
 * nothing due, hourly) neither opens the file nor loads logback's rolling machinery, a tenth of its
 * classes. A file that cannot be opened is said once on stderr, and the run goes on without it.
 */
final class LazyFileAppender extends AppenderBase<ILoggingEvent> {
    private final Path file;
    private Appender<ILoggingEvent> delegate;
    private boolean failed;

    static final String NAME = "lazy-file";

    LazyFileAppender(Path file) {
        this.file = file;
        setName(NAME);
    }

    /**
     * Logs to {@code file} from the root logger, whose loggers let through at least info; the console
     * ({@code stderr}, if any) goes on showing only {@code console} and above.
     */
    static void attach(Logger root, Path file, Appender<ILoggingEvent> stderr, Level console) {
        if (stderr != null && console.isGreaterOrEqual(Level.WARN)) {
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(console.toString());
            threshold.start();
            stderr.addFilter(threshold);
        }
        LazyFileAppender appender = new LazyFileAppender(file);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Called by logback under this appender's lock: one thread at a time. */
    @Override
    protected void append(ILoggingEvent event) {
        if (failed) {
            return;
        }
        if (delegate == null) {
            Appender<ILoggingEvent> opened = LogFile.appender((LoggerContext) getContext(), file, LogFile.MAX_SIZE,
                    LogFile.CHECK_EVERY);
            if (!opened.isStarted()) {
                failed = true;
                System.err.println("acmectl: cannot write the log file " + file + "; logging to it is off");
                return;
            }
            delegate = opened;
        }
        delegate.doAppend(event);
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }
}
