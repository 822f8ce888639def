package io.acmectl.cli;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Logback's pattern encoder, made at the first line it encodes: its pattern machinery and date
 * formatter cost every start some milliseconds, and a run with nothing to say (a renewal with
 * nothing due, hourly) logs no line on the console. Lines are the pattern's, byte for byte.
 */
final class LazyPatternEncoder extends EncoderBase<ILoggingEvent> {
    private final String pattern;
    private volatile PatternLayoutEncoder delegate;

    LazyPatternEncoder(String pattern) {
        this.pattern = pattern;
    }

    /** Called by several threads at once (the appender encodes before it takes its lock). */
    @Override
    public byte[] encode(ILoggingEvent event) {
        PatternLayoutEncoder encoder = delegate;
        if (encoder == null) {
            synchronized (this) {
                encoder = delegate;
                if (encoder == null) {
                    encoder = new PatternLayoutEncoder();
                    encoder.setContext(getContext());
                    encoder.setPattern(pattern);
                    encoder.start();
                    delegate = encoder;
                }
            }
        }
        return encoder.encode(event);
    }

    /** The pattern encoder's are empty too: no file header or footer is set. */
    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
