package io.acmectl.files;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test seam for the crash tests: with {@code -Dacmectl.crashAt=N} the process dies (as SIGKILL
 * would, no shutdown hooks, nothing flushed) right before the Nth step that changes what a name in
 * the store points at: a rename, or the removal of a folder a link has replaced. Unset, as in every
 * real run, it costs one comparison per step.
 */
final class CrashPoint {
    static final String PROPERTY = "acmectl.crashAt";
    /** What {@code kill -9} makes a shell report: 128 + 9. */
    static final int EXIT_CODE = 137;

    private static final int AT = Integer.getInteger(PROPERTY, 0);
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoint() {}

    static void before(String step) {
        if (AT > 0 && REACHED.incrementAndGet() == AT) {
            System.err.println("acmectl.crashAt=" + AT + ": halting before " + step);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
