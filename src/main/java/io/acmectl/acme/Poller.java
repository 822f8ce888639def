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

    static Poller standard(Clock clock) {
        return new Poller(Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofMinutes(3), clock);
    }

    /** Fetches {@code resource} until its status is one of {@code done}; returns that status. */
    Status await(AcmeJsonResource resource, Supplier<Status> status, Set<Status> done, String what)
            throws AcmeException {
        Instant deadline = clock.instant().plus(patience);
        Duration delay = first;
        Optional<Instant> retryAfter = Optional.empty();
        while (true) {
            Status now = status.get();
            if (done.contains(now)) {
                return now;
            }
            Instant wakeUp = clock.instant().plus(delay);
            if (retryAfter.isPresent() && retryAfter.get().isAfter(wakeUp)) {
                wakeUp = retryAfter.get();
            }
            if (wakeUp.isAfter(deadline)) {
                throw new Failure.Aborted(what + " is still " + now.name().toLowerCase()
                        + " after " + patience.toSeconds() + " s; giving up");
            }
            sleepUntil(wakeUp);
            retryAfter = resource.fetch();
            delay = delay.multipliedBy(2).compareTo(cap) > 0 ? cap : delay.multipliedBy(2);
        }
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
