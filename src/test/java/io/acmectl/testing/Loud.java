package io.acmectl.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A line a developer must see in the build's console: why a test is skipped or fails for want of
 * something. Surefire sends the tests' System.err to target/surefire-reports (redirectTestOutputToFile)
 * and reports an abort only as "Skipped: 1", so this writes to the process's own stderr, which it
 * shows as is.
 */
public final class Loud {
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Loud() {}

    /** Prints {@code !!! message} on the console. */
    public static void say(String message) {
        CONSOLE.println("!!! " + message);
    }
}
