package io.acmectl.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long acmectl waits for a CA and how often it asks again. {@code timeout} bounds one request
 * from connecting to the last byte of the answer (acme4j's own timeout stops at the headers: a CA
 * that stalls in the body would hang a run for good). A transient failure (a network error, HTTP
 * 5xx, a badNonce storm) is tried again, at most {@code attempts} times in all, after {@code
 * firstBackoff} and then twice as long each time, never sooner than the CA's Retry-After; a wait
 * that would end later than {@code retryBudget} after the first try is not waited, the failure is
 * reported instead. No answer is read past {@code maxBodyBytes} (ACME answers are a few kilobytes).
 */
public record NetworkPolicy(Duration timeout, int attempts, Duration firstBackoff, Duration retryBudget,
        int maxBodyBytes) {
    /**
     * Tests only: {@code -Dacmectl.network.timeout=2} (seconds, or an ISO-8601 duration such as
     * {@code PT0.5S}) sets {@link #timeout} of every run in this JVM, so that tests of a stalling CA
     * end in seconds. Users have no reason to set it.
     */
    public static final String TIMEOUT_PROPERTY = "acmectl.network.timeout";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 9773 lookups are advisory (the cached window or the lifetime rule stand in): they wait less. */
    static final Duration RENEWAL_INFO_TIMEOUT = Duration.ofSeconds(10);

    public NetworkPolicy {
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("not a network policy: " + timeout + ", " + attempts + " attempts");
        }
    }

    /** 30 s per request, 3 tries within 30 s (waiting 1 s, then 2 s), answers up to 1 MiB. */
    public static NetworkPolicy standard() {
        return new NetworkPolicy(timeoutFrom(System.getProperty(TIMEOUT_PROPERTY)), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 1 << 20);
    }

    /** For renewal information: the shorter deadline, and one retry at most. */
    NetworkPolicy forRenewalInfo() {
        Duration shorter = timeout.compareTo(RENEWAL_INFO_TIMEOUT) < 0 ? timeout : RENEWAL_INFO_TIMEOUT;
        return new NetworkPolicy(shorter, Math.min(attempts, 2), firstBackoff, shorter, maxBodyBytes);
    }

    /**
     * How long to wait before try number {@code tries + 1}, or empty when it should not be made:
     * no tries left, or the wait would end past the budget (a Retry-After far ahead included).
     */
    Optional<Duration> waitBeforeRetry(int tries, Duration elapsed, Optional<Instant> retryAfter, Instant now) {
        if (tries >= attempts) {
            return Optional.empty();
        }
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(tries - 1, 20));
        if (retryAfter.isPresent()) {
            Duration asked = Duration.between(now, retryAfter.get());
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return elapsed.plus(wait).compareTo(retryBudget) > 0 ? Optional.empty() : Optional.of(wait);
    }

    static Duration timeoutFrom(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        String value = property.trim();
        Duration timeout;
        try {
            timeout = value.startsWith("P") || value.startsWith("p") ? Duration.parse(value)
                    : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " is not a duration: " + property, e);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be more than nothing: " + property);
        }
        return timeout;
    }
}
