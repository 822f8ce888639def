package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Policy;
import io.acmectl.core.RateLimits;
import io.acmectl.core.RequestLog;
import io.acmectl.core.StoredCertificate;
import io.acmectl.store.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rate guard and the policy, with a clock the test moves and a store in memory: each limit lets
 * the order through below it, holds it back at it, and lets it through again once its window has passed.
 */
class OrderGuardTest {
    private static final CaServer CA = CaServer.resolve("https://ca.test/dir");
    private static final CaServer LE = CaServer.resolve("letsencrypt");
    private static final String ACCOUNT = "https://ca.test/acct/1";

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final MemoryStore store = new MemoryStore(Path.of("/nonexistent/store"));

    private OrderGuard guard(RateLimits limits) {
        return guard(limits, false);
    }

    private OrderGuard guard(RateLimits limits, boolean ignore) {
        return new OrderGuard(store.requestLogs(), Policy.ANY, null, limits, ignore, clock);
    }

    private static CertificateSpec spec(CaServer server, String... names) {
        return CertificateSpec.builder(server, List.of(names), ChallengeChoice.of(new ChallengeSpec.Standalone(80,
                null))).build();
    }

    /** One new certificate for the names, ordered and issued. */
    private static void issue(OrderGuard guard, CertificateSpec spec) {
        guard.issued(guard.admit(spec, ACCOUNT, false, null), false);
    }

    @Test
    void duplicatesAreAllowedUpToTheLimitRefusedAtItAndClearAWeekAfterTheOldest() {
        OrderGuard guard = guard(new RateLimits(0, 0, 3, 0));
        issue(guard, spec(CA, "a.example.com", "b.example.com"));
        clock.advance(Duration.ofHours(1));
        issue(guard, spec(CA, "b.example.com", "a.example.com")); // the same set, in another order
        clock.advance(Duration.ofHours(1));
        issue(guard, spec(CA, "a.example.com", "b.example.com")); // the third of 3: allowed
        issue(guard, spec(CA, "a.example.com")); // another set is not a duplicate

        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "a.example.com", "b.example.com"), ACCOUNT, false, null));
        assertEquals(Instant.parse("2026-11-09T10:00:00Z"), refused.clearsAt());
        assertTrue(refused.getMessage().contains("certificates for exactly these names in the last 7 days: 3 "
                + "(duplicates: 3)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("a.example.com, b.example.com"), refused.getMessage());

        clock.set(refused.clearsAt().minusSeconds(1));
        assertThrows(Failure.RateGuard.class, () -> guard.admit(spec(CA, "a.example.com", "b.example.com"), ACCOUNT,
                false, null));
        clock.set(refused.clearsAt());
        assertDoesNotThrow(() -> guard.admit(spec(CA, "a.example.com", "b.example.com"), ACCOUNT, false, null));
    }

    @Test
    void newOrdersCountPerAccountOverThreeHoursWhetherOrNotTheyBroughtACertificate() {
        OrderGuard guard = guard(new RateLimits(2, 0, 0, 0));
        guard.admit(spec(CA, "one.example.com"), ACCOUNT, false, null); // failed later: still an order
        clock.advance(Duration.ofMinutes(30));
        issue(guard, spec(CA, "two.example.com"));
        assertDoesNotThrow(() -> guard.admit(spec(CA, "three.example.com"), "https://ca.test/acct/2", false, null));

        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "three.example.com"), ACCOUNT, false, null));
        assertEquals(Instant.parse("2026-11-02T13:00:00Z"), refused.clearsAt());
        assertTrue(refused.getMessage().contains("new-orders: 2"), refused.getMessage());
        clock.set(refused.clearsAt());
        assertDoesNotThrow(() -> guard.admit(spec(CA, "three.example.com"), ACCOUNT, false, null));
    }

    @Test
    void certificatesCountPerRegisteredDomainAndRenewalsOfTheSameNamesDoNot() {
        OrderGuard guard = guard(new RateLimits(0, 2, 0, 0));
        issue(guard, spec(CA, "a.example.co.uk"));
        issue(guard, spec(CA, "b.example.co.uk", "www.other.test"));
        assertDoesNotThrow(() -> issue(guard, spec(CA, "c.other.co.uk"))); // another registered domain

        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "x.y.example.co.uk"), ACCOUNT, false, null));
        assertTrue(refused.getMessage().contains("certificates for names in example.co.uk in the last 7 days: 2"),
                refused.getMessage());
        // The same names as a certificate issued before: a renewal, which the domain's limit lets through.
        assertDoesNotThrow(() -> issue(guard, spec(CA, "a.example.co.uk")));
        StoredCertificate lineage = StoredCertificate.issued(CertificateName.of("old"), "1", clock.instant(),
                clock.instant(), clock.instant().plus(Duration.ofDays(90)), spec(CA, "old.example.co.uk"), ACCOUNT);
        assertDoesNotThrow(() -> guard.admit(spec(CA, "old.example.co.uk"), ACCOUNT, false, lineage));
        clock.advance(Duration.ofDays(7));
        assertDoesNotThrow(() -> guard.admit(spec(CA, "x.y.example.co.uk"), ACCOUNT, false, null));
    }

    @Test
    void failedValidationsCountPerNameAndAccountOverAnHour() {
        OrderGuard guard = guard(new RateLimits(0, 0, 0, 2));
        OrderGuard.Ticket first = guard.admit(spec(CA, "bad.example.com", "good.example.com"), ACCOUNT, false, null);
        guard.failedValidations(first, List.of("bad.example.com"));
        clock.advance(Duration.ofMinutes(10));
        OrderGuard.Ticket second = guard.admit(spec(CA, "bad.example.com"), ACCOUNT, false, null);
        guard.failedValidations(second, List.of("bad.example.com"));

        assertDoesNotThrow(() -> guard.admit(spec(CA, "good.example.com"), ACCOUNT, false, null));
        assertDoesNotThrow(() -> guard.admit(spec(CA, "bad.example.com"), "https://ca.test/acct/2", false, null));
        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "good.example.com", "bad.example.com"), ACCOUNT, false, null));
        assertEquals(Instant.parse("2026-11-02T11:00:00Z"), refused.clearsAt());
        assertTrue(refused.getMessage().contains("failed validations of bad.example.com in the last hour: 2"),
                refused.getMessage());
        clock.set(refused.clearsAt());
        assertDoesNotThrow(() -> guard.admit(spec(CA, "bad.example.com"), ACCOUNT, false, null));
    }

    /** The lineage's certificate for these names, with an ARI window that opens at {@code windowStart}. */
    private StoredCertificate lineage(Instant windowStart, String... names) {
        StoredCertificate current = StoredCertificate.issued(CertificateName.of(names[0]), "1", clock.instant(),
                clock.instant(), clock.instant().plus(Duration.ofDays(90)), spec(CA, names), ACCOUNT);
        return current.withRenewal(current.renewal().withAri(windowStart, windowStart.plus(Duration.ofDays(2)),
                null, clock.instant().plus(Duration.ofHours(6))));
    }

    @Test
    void anAriRenewalInsideItsWindowIsNeverHeldBackAndCountsForNothing() {
        OrderGuard guard = guard(new RateLimits(1, 1, 1, 1));
        issue(guard, spec(CA, "a.example.com"));
        StoredCertificate current = lineage(clock.instant(), "a.example.com");
        for (int i = 0; i < 3; i++) {
            guard.issued(guard.admit(spec(CA, "a.example.com"), ACCOUNT, true, current), false);
        }
        RequestLog log = store.requestLogs().read(CA.id(), clock.instant());
        assertEquals(List.of(clock.instant()), log.duplicates(java.util.Set.of("a.example.com"),
                clock.instant().minusSeconds(60)));
        assertThrows(Failure.RateGuard.class, () -> guard.admit(spec(CA, "a.example.com"), ACCOUNT, false, null));
    }

    @Test
    void aRenewalThatNamesTheCertificateItReplacesBeforeItsWindowOpensCountsAsARenewal() {
        OrderGuard guard = guard(new RateLimits(0, 0, 1, 0));
        issue(guard, spec(CA, "a.example.com"));
        StoredCertificate notYet = lineage(clock.instant().plusSeconds(1), "a.example.com");
        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "a.example.com"), ACCOUNT, true, notYet));
        assertTrue(refused.getMessage().contains("(duplicates: 1)"), refused.getMessage());
    }

    @Test
    void anAriOrderWhoseClaimTheCaRefusedCountsAsTheRenewalItBecame() {
        OrderGuard guard = guard(new RateLimits(1, 1, 1, 0));
        guard.issued(guard.admit(spec(CA, "a.example.com"), ACCOUNT, true, lineage(clock.instant(), "a.example.com")),
                true);
        RequestLog log = store.requestLogs().read(CA.id(), clock.instant());
        assertEquals(List.of(RequestLog.Exemption.ARI, RequestLog.Exemption.RENEWAL, RequestLog.Exemption.RENEWAL),
                log.entries().stream().map(RequestLog.Entry::exemption).toList());
        Failure.RateGuard refused = assertThrows(Failure.RateGuard.class,
                () -> guard.admit(spec(CA, "a.example.com"), ACCOUNT, false, null));
        assertTrue(refused.getMessage().contains("(duplicates: 1)"), refused.getMessage());
        assertDoesNotThrow(() -> guard.admit(spec(CA, "b.example.com"), ACCOUNT, false, null)); // orders: 0 counted
    }

    @Test
    void ignoringTheGuardOrdersOnceAndTheOrderStillCounts() {
        issue(guard(new RateLimits(0, 0, 1, 0)), spec(CA, "a.example.com"));
        assertThrows(Failure.RateGuard.class, () -> guard(new RateLimits(0, 0, 1, 0))
                .admit(spec(CA, "a.example.com"), ACCOUNT, false, null));
        issue(guard(new RateLimits(0, 0, 1, 0), true), spec(CA, "a.example.com"));
        assertEquals(2, store.requestLogs().read(CA.id(), clock.instant()).duplicates(
                java.util.Set.of("a.example.com"), clock.instant().minusSeconds(60)).size());
    }

    @Test
    void withoutLimitsOfItsOwnTheGuardKeepsToTheCasPublishedOnes() {
        OrderGuard guard = guard(null);
        for (int i = 0; i < RateLimits.LETS_ENCRYPT.duplicates(); i++) {
            issue(guard, spec(LE, "a.example.com"));
            issue(guard, spec(CA, "a.example.com"));
        }
        assertThrows(Failure.RateGuard.class, () -> guard.admit(spec(LE, "a.example.com"), ACCOUNT, false, null));
        assertDoesNotThrow(() -> guard.admit(spec(CA, "a.example.com"), ACCOUNT, false, null)); // none known
        assertDoesNotThrow(() -> guard.admit(spec(LE.forDryRun(), "a.example.com"), ACCOUNT, false, null));
    }

    @Test
    void aNameOutsideThePolicyIsRefusedWithThePolicyAndItsFile() {
        OrderGuard guard = new OrderGuard(store.requestLogs(), new Policy(List.of("example.com", "*.example.org")),
                Path.of("/etc/acmectl/want.yaml"), null, false, clock);
        assertDoesNotThrow(() -> guard.checkPolicy(List.of("example.com", "www.example.org", "*.example.org")));
        Failure.BadInput refused = assertThrows(Failure.BadInput.class,
                () -> guard.checkPolicy(List.of("example.com", "a.b.example.org")));
        assertEquals("refusing to order a.b.example.org: it is outside the allowed-domains of /etc/acmectl/want.yaml "
                + "(example.com, *.example.org)", refused.getMessage());
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
