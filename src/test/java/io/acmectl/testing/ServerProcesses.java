package io.acmectl.testing;

import java.util.concurrent.TimeUnit;

/** Stopping the servers the tests start as child processes (Pebble, pebble-challtestsrv, named). */
final class ServerProcesses {
    private ServerProcesses() {}

    /** Asks each to stop, and kills the ones still running after 5 s; null ones are skipped. */
    static void stop(Process... processes) {
        for (Process process : processes) {
            if (process == null) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
