package io.acmectl.acme;

import io.acmectl.core.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The one place that waits for the CA. It asks again soon (a local CA answers within milliseconds),
 * then less and less often, and never earlier than the CA's Retry-After says. acme4j's own wait
 * polls every 3 s, which alone would triple the time of an issuance.
 */
final class Poller {
    private final Duration first;
    private final Duration cap;
    private final Duration patience;
    private final Clock clock;

    Poller(Duration first, Duration cap, Duration patience, Clock clock) {
        this.first = first;
        this.cap = cap;
        this.patience = patience;
        this.clock = clock;
    }

    /**
     * 50 ms first, then twice as long up to 3 s, for at most 3 minutes per wait. Waiting is measured
     * in real time ({@code clock} should be the system's): the CA's Retry-After is a wall-clock time,
     * and a run told it is another day (a test's fixed clock) must still give up.
     */
    static Poller standard(Clock clock) {
        return new Poller(Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofMinutes(3), clock);
    }

    Instant now() {
        return clock.instant();
    }

    /** Fetches {@code resource} until its status is one of {@code done}; returns that status. */
    Status await(AcmeJsonResource resource, Supplier<Status> status, Set<Status> done, String what)
            throws AcmeException {
        return await(resource, status, done, what, Instant.MAX);
    }

    /**
     * The same, never past {@code ceiling} (an order's overall limit). Giving up says what was
     * awaited, what the CA still reports, and why the wait ended.
     */
    Status await(AcmeJsonResource resource, Supplier<Status> status, Set<Status> done, String what, Instant ceiling)
            throws AcmeException {
        Instant patient = clock.instant().plus(patience);
        boolean ceilingFirst = patient.isAfter(ceiling);
        Instant deadline = ceilingFirst ? ceiling : patient;
        Duration delay = first;
        Optional<Instant> retryAfter = Optional.empty();
        while (true) {
            Status now = status.get();
            if (done.contains(now)) {
                return now;
            }
            Instant wakeUp = clock.instant().plus(delay);
            boolean caAsksLater = retryAfter.isPresent() && retryAfter.get().isAfter(wakeUp);
            if (caAsksLater) {
                wakeUp = retryAfter.get();
            }
            if (wakeUp.isAfter(deadline)) {
                throw new Failure.Aborted(what + " is still " + now.name().toLowerCase(java.util.Locale.ROOT)
                        + whyNot(caAsksLater ? retryAfter.get() : null, ceilingFirst) + "; giving up");
            }
            sleepUntil(wakeUp);
            retryAfter = resource.fetch();
            delay = delay.multipliedBy(2).compareTo(cap) > 0 ? cap : delay.multipliedBy(2);
        }
    }

    private String whyNot(Instant retryAfter, boolean ceilingReached) {
        String limit = ceilingReached ? "the time acmectl gives one order" : humane(patience);
        return retryAfter != null ? " and the CA asks to be asked again after " + retryAfter + ", past " + limit
                : " after " + limit;
    }

    static String humane(Duration duration) {
        if (duration.toSeconds() >= 60 && duration.toSeconds() % 60 == 0 && duration.toNanosPart() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() >= 1000 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void sleepUntil(Instant wakeUp) {
        long millis = Duration.between(clock.instant(), wakeUp).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for the CA");
        }
    }
}
