package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log file's rolling configuration, and its rotation, in a logger context of the test's own. */
class LogFileTest {
    @TempDir
    Path folder;

    @Test
    void theConfigurationIsLogrotatesSizeTenMegabytesRotateFive() {
        LoggerContext context = new LoggerContext();
        Path file = folder.resolve("acmectl.log");
        RollingFileAppender<ILoggingEvent> appender = LogFile.appender(context, file, LogFile.MAX_SIZE,
                LogFile.CHECK_EVERY);
        assertTrue(appender.isStarted());
        assertEquals(file.toString(), appender.getFile());
        FixedWindowRollingPolicy rolling = (FixedWindowRollingPolicy) appender.getRollingPolicy();
        assertEquals(file + ".%i", rolling.getFileNamePattern());
        assertEquals(1, rolling.getMinIndex());
        assertEquals(5, rolling.getMaxIndex());
        SizeBasedTriggeringPolicy<?> trigger = (SizeBasedTriggeringPolicy<?>) appender.getTriggeringPolicy();
        assertEquals(10L * 1024 * 1024, trigger.getMaxFileSize().getSize());
        assertEquals(60_000L, trigger.getCheckIncrement().getMilliseconds());
        appender.stop();
    }

    @Test
    void aFullFileIsRotatedAndNoMoreThanFiveOldOnesAreKept() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as slf4j's binding does
        Path file = folder.resolve("acmectl.log");
        RollingFileAppender<ILoggingEvent> appender = LogFile.appender(context, file, FileSize.valueOf("1KB"),
                Duration.buildByMilliseconds(0));
        Logger logger = context.getLogger("test");
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        for (int i = 0; i < 400; i++) {
            logger.info("line {} of a run that logs a lot, to fill the file and rotate it", i);
        }
        appender.stop();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("acmectl.log", "acmectl.log.1", "acmectl.log.2", "acmectl.log.3", "acmectl.log.4",
                    "acmectl.log.5"), names);
        }
        assertTrue(Files.readString(file).contains("line 399 "), "the newest lines are in the file itself");
        assertTrue(Files.size(file) < 2048, "rotated when it passed 1 KB");
    }

    @Test
    void theDefaultIsForRootOnlyAndAGivenFileWins() {
        OutputOptions options = new OutputOptions();
        assertNull(options.logFile(false));
        boolean writable = Files.isWritable(OutputOptions.DEFAULT_LOG_FILE.getParent());
        assertEquals(writable ? OutputOptions.DEFAULT_LOG_FILE : null, options.logFile(true));
        options.logFile = folder.resolve("x.log");
        assertEquals(options.logFile, options.logFile(false));
        assertEquals(options.logFile, options.logFile(true));
    }
}
