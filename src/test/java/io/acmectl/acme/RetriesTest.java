package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.exception.AcmeException;

/** Asking again: how often, after what, and what ends it. Short waits; counts and order, not speed. */
class RetriesTest {
    private static final NetworkPolicy QUICK = new NetworkPolicy(Duration.ofSeconds(1), 3, Duration.ofMillis(10),
            Duration.ofSeconds(10), 1000);

    private static GaveUp transientFailure(Instant retryAfter) {
        return new GaveUp(new AcmeException("HTTP 503"), 1, 503, retryAfter);
    }

    @Test
    void aTransientFailureIsAskedAgainUntilItPasses() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger cleanUps = new AtomicInteger();

        String answer = Retries.run(QUICK, "test", cleanUps::incrementAndGet, () -> {
            if (tries.incrementAndGet() < 3) {
                throw transientFailure(null);
            }
            return "issued";
        });

        assertEquals("issued", answer);
        assertEquals(3, tries.get());
        assertEquals(2, cleanUps.get(), "the failed answer is forgotten before each new try");
    }

    @Test
    void afterTheLastTryTheFailureSaysHowManyThereWere() {
        AtomicInteger tries = new AtomicInteger();

        GaveUp gaveUp = assertThrows(GaveUp.class, () -> Retries.run(QUICK, "test", () -> { }, () -> {
            tries.incrementAndGet();
            throw transientFailure(null);
        }));

        assertEquals(3, tries.get());
        assertEquals(3, gaveUp.tries());
        assertEquals(503, gaveUp.status().orElseThrow());
    }

    @Test
    void aRetryAfterBeyondTheBudgetIsReportedNotWaited() {
        Instant muchLater = Instant.now().plus(Duration.ofHours(1));
        AtomicInteger tries = new AtomicInteger();

        GaveUp gaveUp = assertThrows(GaveUp.class, () -> Retries.run(QUICK, "test", () -> { }, () -> {
            tries.incrementAndGet();
            throw transientFailure(muchLater);
        }));

        assertEquals(1, tries.get());
        assertEquals(muchLater, gaveUp.retryAfter().orElseThrow());
    }

    @Test
    void anythingElseEndsTheRequestAtOnce() {
        AcmeException refused = new AcmeException("refused");
        AtomicInteger tries = new AtomicInteger();

        AcmeException thrown = assertThrows(AcmeException.class, () -> Retries.run(QUICK, "test", () -> { }, () -> {
            tries.incrementAndGet();
            throw refused;
        }));

        assertSame(refused, thrown);
        assertEquals(1, tries.get());
    }

    @Test
    void aRetryNestedInAnotherRequestsTryMakesOneTryAndLeavesTheWaitingToTheOuterOne() throws Exception {
        AtomicInteger inner = new AtomicInteger();
        AtomicInteger outer = new AtomicInteger();

        GaveUp gaveUp = assertThrows(GaveUp.class, () -> Retries.run(QUICK, "outer", () -> { }, () -> {
            outer.incrementAndGet();
            return Retries.run(QUICK, "inner (acme4j's directory, under its lock)", () -> { }, () -> {
                inner.incrementAndGet();
                throw transientFailure(null);
            });
        }));

        assertEquals(3, outer.get());
        assertEquals(3, inner.get(), "the nested retry tried more than once per outer try");
        assertEquals(3, gaveUp.tries());
        assertEquals("ok", Retries.run(QUICK, "after", () -> { }, () -> "ok"));
    }

    @Test
    void anInterruptDuringTheWaitEndsItAndIsKept() throws Exception {
        NetworkPolicy slow = new NetworkPolicy(Duration.ofSeconds(1), 3, Duration.ofSeconds(20), Duration.ofMinutes(1),
                1000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                Retries.run(slow, "test", () -> { }, () -> {
                    throw transientFailure(null);
                });
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        for (int i = 0; i < 500 && waiter.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        waiter.interrupt();
        waiter.join(10_000);

        assertFalse(waiter.isAlive(), "slept on through the interrupt");
        assertTrue(thrown.get() instanceof Failure.Aborted, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, stillInterrupted.get());
    }
}
