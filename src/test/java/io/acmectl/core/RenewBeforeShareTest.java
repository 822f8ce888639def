package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The share of a lifetime is computed in longs, and must be Duration's own result to the nanosecond. */
class RenewBeforeShareTest {
    @Test
    void theShareOfALifetimeIsDurationsOwnToTheNanosecond() {
        Random random = new Random(9773);
        for (int i = 0; i < 20_000; i++) {
            long seconds = switch (i % 3) {
                case 0 -> random.nextLong(0, 400L * 86_400); // up to 400 days
                case 1 -> random.nextLong(-10L * 86_400, 10L * 86_400); // broken certificates: negative too
                default -> random.nextLong(0, 2_000L * 365 * 86_400); // centuries: Duration's own way
            };
            Duration lifetime = Duration.ofSeconds(seconds, random.nextInt(1_000_000_000));
            long numerator = i % 2 == 0 ? 1 : random.nextInt(1, 100);
            long denominator = i % 2 == 0 ? 2 + random.nextInt(2) : 100;
            assertEquals(lifetime.multipliedBy(numerator).dividedBy(denominator),
                    RenewBefore.share(lifetime, numerator, denominator), lifetime + " x " + numerator + " / " + denominator);
        }
    }
}
