package io.acmectl.testing;

import io.acmectl.cli.AcmectlCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process and keeps what it printed. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    public static Result run(List<String> global, String... args) {
        return run(java.time.Clock.systemUTC(), global, args);
    }

    /** With another clock: acmectl sees that time as now (certificates look old, ARI windows open). */
    public static Result run(java.time.Clock clock, List<String> global, String... args) {
        List<String> all = new ArrayList<>(global);
        all.addAll(List.of(args));
        awaitListenersGone(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = AcmectlCommand.run(all.toArray(String[]::new), o, e, clock);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A command that listens on a port (--http-port, --tls-port) right after an earlier command closed
     * its listener there could find it still held by a child process another test is starting (see
     * {@link LoopbackPorts}): wait for that copy to go, a bounded time, and then run the command
     * whatever the port's state, so a test that wants the port busy still sees it busy.
     */
    private static void awaitListenersGone(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if ((args[i].equals("--http-port") || args[i].equals("--tls-port")) && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--http-port=") || args[i].startsWith("--tls-port=")) {
                value = args[i].substring(args[i].indexOf('=') + 1);
            }
            int port;
            try {
                port = value == null ? 0 : Integer.parseInt(value);
            } catch (NumberFormatException notAPort) {
                continue; // a test of a bad port number: nothing to wait for
            }
            if (port > 0 && port <= 65_535) {
                LoopbackPorts.awaitNoListenerQuietly(port);
            }
        }
    }
}
