package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retry arithmetic: doubling waits, the CA's Retry-After, the count and the budget. */
class NetworkPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final NetworkPolicy policy = new NetworkPolicy(Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
            Duration.ofSeconds(30), 1 << 20);

    @Test
    void waitsOneSecondThenTwoThenStopsAfterThreeTries() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeRetry(1, Duration.ZERO, Optional.empty(), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                policy.waitBeforeRetry(2, Duration.ofSeconds(1), Optional.empty(), NOW));
        assertEquals(Optional.empty(), policy.waitBeforeRetry(3, Duration.ofSeconds(3), Optional.empty(), NOW));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsWaitedOut() {
        assertEquals(Optional.of(Duration.ofSeconds(7)),
                policy.waitBeforeRetry(1, Duration.ZERO, Optional.of(NOW.plusSeconds(7)), NOW));
    }

    @Test
    void aRetryAfterInThePastCountsForNothing() {
        assertEquals(Optional.of(Duration.ofSeconds(1)),
                policy.waitBeforeRetry(1, Duration.ZERO, Optional.of(NOW.minusSeconds(7)), NOW));
    }

    @Test
    void aWaitEndingPastTheBudgetIsNotWaited() {
        assertEquals(Optional.empty(), policy.waitBeforeRetry(1, Duration.ZERO, Optional.of(NOW.plusSeconds(31)), NOW));
        assertEquals(Optional.empty(), policy.waitBeforeRetry(2, Duration.ofSeconds(29), Optional.empty(), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                policy.waitBeforeRetry(2, Duration.ofSeconds(28), Optional.empty(), NOW));
    }

    @Test
    void renewalInformationWaitsLessAndTriesTwice() {
        NetworkPolicy ari = policy.forRenewalInfo();
        assertEquals(Duration.ofSeconds(10), ari.timeout());
        assertEquals(2, ari.attempts());
        NetworkPolicy quick = new NetworkPolicy(Duration.ofSeconds(2), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 1 << 20).forRenewalInfo();
        assertEquals(Duration.ofSeconds(2), quick.timeout(), "never longer than the orders' deadline");
    }

    @Test
    void theTestPropertyTakesSecondsOrAnIsoDuration() {
        assertEquals(NetworkPolicy.DEFAULT_TIMEOUT, NetworkPolicy.timeoutFrom(null));
        assertEquals(Duration.ofSeconds(2), NetworkPolicy.timeoutFrom("2"));
        assertEquals(Duration.ofMillis(500), NetworkPolicy.timeoutFrom("0.5"));
        assertEquals(Duration.ofMillis(1500), NetworkPolicy.timeoutFrom("PT1.5S"));
        assertThrows(IllegalArgumentException.class, () -> NetworkPolicy.timeoutFrom("soon"));
        assertThrows(IllegalArgumentException.class, () -> NetworkPolicy.timeoutFrom("0"));
    }
}
