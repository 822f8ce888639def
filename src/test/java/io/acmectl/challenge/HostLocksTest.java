package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLocksTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void aSecondRunWaitsItsPatienceThenReportsLocked() {
        try (HostLocks first = new HostLocks(dir, SHORT); HostLocks second = new HostLocks(dir, SHORT)) {
            first.lockPort(null, 8080);
            assertTrue(Files.exists(dir.resolve("http-any-8080.lock")));

            long start = System.nanoTime();
            Failure.Locked locked = assertThrows(Failure.Locked.class, () -> second.lockPort(null, 8080));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMillis >= 190, "waited only " + waitedMillis + " ms");
            assertEquals("another acmectl run has been answering http-01 on port 8080 for 200 ms",
                    locked.getMessage());

            second.lockPort("127.0.0.1", 8080); // another address is another lock
            assertTrue(Files.exists(dir.resolve("http-127.0.0.1-8080.lock")));

            first.close();
            second.lockPort(null, 8080);
        }
    }

    @Test
    void aTlsAlpnPortIsLockedApartFromAnHttpPortAndSaysSo() {
        try (HostLocks first = new HostLocks(dir, SHORT); HostLocks second = new HostLocks(dir, SHORT)) {
            first.lockTlsPort(null, 8443);
            first.lockTlsPort(null, 8443); // held already: no wait
            assertTrue(Files.exists(dir.resolve("tls-any-8443.lock")));
            Failure.Locked locked = assertThrows(Failure.Locked.class, () -> second.lockTlsPort(null, 8443));
            assertEquals("another acmectl run has been answering tls-alpn-01 on port 8443 for 200 ms",
                    locked.getMessage());

            second.lockPort(null, 8443); // http-01 on the same number is another lock (binding tells the rest)
            second.lockTlsPort("127.0.0.1", 8443);
            assertTrue(Files.exists(dir.resolve("tls-127.0.0.1-8443.lock")));
        }
    }

    @Test
    void aWaitingRunTakesThePortOnceItsSiblingCloses() throws Exception {
        HostLocks first = new HostLocks(dir, SHORT);
        first.lockPort(null, 8080);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (HostLocks second = new HostLocks(dir, Duration.ofSeconds(20))) {
            Future<?> waiting = executor.submit(() -> second.lockPort(null, 8080));
            Thread.sleep(300);
            assertTrue(!waiting.isDone(), "the second run must wait while the first holds the port");
            first.close();
            waiting.get(10, TimeUnit.SECONDS);
        } finally {
            first.close();
            executor.shutdownNow();
        }
    }

    @Test
    void aPortThisRunHoldsIsNotWaitedFor() {
        try (HostLocks locks = new HostLocks(dir, Duration.ofSeconds(20))) {
            long start = System.nanoTime();
            locks.lockPort(null, 8080);
            locks.lockPort(null, 8080);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000);
        }
    }

    @Test
    void interruptedWhileWaitingIsAborted() throws Exception {
        try (HostLocks first = new HostLocks(dir, SHORT); HostLocks second = new HostLocks(dir, Duration.ofSeconds(20))) {
            first.lockPort(null, 8080);
            Thread.currentThread().interrupt();
            assertThrows(Failure.Aborted.class, () -> second.lockPort(null, 8080));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    @Test
    void aLockFolderThatCannotBeMadeIsAChallengeSetupFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("locks"), "a file in the way");
        try (HostLocks locks = new HostLocks(file, SHORT)) {
            assertThrows(Failure.ChallengeSetup.class, () -> locks.lockPort(null, 8080));
        }
    }

    @Test
    void aClosedHostLocksTakesNothingMore() {
        HostLocks locks = new HostLocks(dir, SHORT);
        locks.close();
        assertThrows(IllegalStateException.class, () -> locks.lockPort(null, 8080));
    }
}
