package io.acmectl.acme;

import io.acmectl.core.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the CA again after a transient failure, as the {@link NetworkPolicy} allows: an attempt
 * signals one by throwing {@link GaveUp} (after one try); anything else ends the request at once.
 *
 * <p>Only the outermost loop on a thread waits. acme4j holds a session-wide lock while it sends a
 * request, and sometimes fetches the directory or a nonce inside one: a retry nested there makes
 * one try and hands its failure up, so no thread ever sleeps holding that lock and stalls every
 * other certificate of the run.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Retries() {}

    interface Attempt<T> {
        T send() throws AcmeException;
    }

    static <T> T run(NetworkPolicy policy, Object what, Runnable beforeRetry, Attempt<T> attempt)
            throws AcmeException {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            return attempt.send();
        }
        long started = System.nanoTime();
        for (int tries = 1; ; tries++) {
            GaveUp failure;
            depth[0]++;
            try {
                return attempt.send();
            } catch (GaveUp e) {
                failure = e;
            } finally {
                depth[0]--;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Optional<Duration> wait = policy.waitBeforeRetry(tries, elapsed, failure.retryAfter(), Instant.now());
            if (wait.isEmpty()) {
                throw failure.after(tries);
            }
            LOG.info("{}: {}; asking again in {} ms ({} of {})", what, failure.describe(), wait.get().toMillis(),
                    tries + 1, policy.attempts());
            beforeRetry.run();
            pause(wait.get());
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            // Only a run that is being stopped interrupts: keep the flag for whoever stops it.
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting to ask the CA again", e);
        }
    }
}
