package io.acmectl.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The log file: where it is, and logback's rolling appender for it, configured in code as {@link
 * LogSetup} is. Rotated by size like logrotate's {@code size 10M rotate 5}: {@code acmectl.log},
 * then {@code acmectl.log.1} (newest) to {@code .5}. A line carries the date and the process id, as
 * runs from cron and a person's may write to the same file.
 */
final class LogFile {
    static final FileSize MAX_SIZE = FileSize.valueOf("10MB");
    static final int KEPT = 5;
    /**
     * How often a run looks at the file's size: once at its first line (a run is short), then every
     * minute. logback's own default.
     */
    static final Duration CHECK_EVERY = Duration.buildByMinutes(1);

    private LogFile() {}

    /** A started appender (or, if the file cannot be opened, one that is not started: ask isStarted). */
    static RollingFileAppender<ILoggingEvent> appender(LoggerContext context, Path file, FileSize maxSize,
            Duration checkEvery) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(maxSize);
        trigger.setCheckIncrement(checkEvery);
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [" + ProcessHandle.current().pid()
                + "] %-5level %logger{0}: %msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
