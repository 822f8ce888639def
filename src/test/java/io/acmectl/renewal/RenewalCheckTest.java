package io.acmectl.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.renewal.RenewalDecision.Basis;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenewalCheckTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");

    private final RenewalCheck check = new RenewalCheck();

    @Test
    void aNinetyDayCertificateIsDueWithAThirdOfItsLifetimeLeft() {
        StoredCertificate certificate = certificate("01", Duration.ofDays(90), RenewBefore.AUTO);
        Instant sixtyDays = ISSUED.plus(Duration.ofDays(60));

        RenewalDecision decision = check.decide(certificate, sixtyDays);

        assertEquals(Basis.THIRD_OF_LIFETIME, decision.basis());
        assertEquals(sixtyDays, decision.dueAt(), "30 of 90 days left");
        assertTrue(decision.due());
        assertFalse(check.decide(certificate, sixtyDays.minusSeconds(1)).due());
        assertNull(decision.rule());
        assertNull(decision.windowStart());
    }

    @Test
    void aSixDayCertificateIsDueAtHalfItsLifetime() {
        StoredCertificate certificate = certificate("02", Duration.ofDays(6), RenewBefore.AUTO);
        Instant threeDays = ISSUED.plus(Duration.ofDays(3));

        RenewalDecision decision = check.decide(certificate, threeDays);

        assertEquals(Basis.HALF_OF_LIFETIME, decision.basis());
        assertEquals(threeDays, decision.dueAt());
        assertTrue(decision.due());
        assertFalse(check.decide(certificate, threeDays.minusSeconds(1)).due());
    }

    @Test
    void aFixedRenewBeforeCountsBackFromExpiry() {
        RenewBefore thirtyDays = RenewBefore.parse("30d");
        StoredCertificate certificate = certificate("03", Duration.ofDays(90), thirtyDays);
        Instant due = ISSUED.plus(Duration.ofDays(60));

        RenewalDecision decision = check.decide(certificate, due);

        assertEquals(Basis.RENEW_BEFORE, decision.basis());
        assertEquals(due, decision.dueAt());
        assertEquals(thirtyDays, decision.rule());
        assertTrue(decision.due());
        assertFalse(check.decide(certificate, due.minusSeconds(1)).due());
    }

    @Test
    void aShareOfTheLifetimeLeftIsThatShare() {
        RenewBefore percent = RenewBefore.parse("33%");
        StoredCertificate certificate = certificate("04", Duration.ofDays(100), percent);
        Instant due = ISSUED.plus(Duration.ofDays(67)); // 33 of 100 days left

        RenewalDecision decision = check.decide(certificate, due);

        assertEquals(Basis.RENEW_BEFORE, decision.basis());
        assertEquals(due, decision.dueAt());
        assertEquals(percent, decision.rule());
        assertTrue(decision.due());
        assertFalse(check.decide(certificate, due.minusSeconds(1)).due());
    }

    @Test
    void anAriWindowGivesAStablePointInsideIt() {
        Instant start = ISSUED.plus(Duration.ofDays(60));
        Instant end = start.plus(Duration.ofDays(2));
        StoredCertificate certificate = certificate("03a1", Duration.ofDays(90), RenewBefore.AUTO)
                .withRenewal(RenewalState.NONE.withAri(start, end, null, null));

        RenewalDecision decision = check.decide(certificate, ISSUED);

        assertEquals(Basis.ARI_WINDOW, decision.basis());
        assertEquals(start, decision.windowStart());
        assertEquals(end, decision.windowEnd());
        assertFalse(decision.dueAt().isBefore(start), decision.dueAt() + " is before " + start);
        assertTrue(decision.dueAt().isBefore(end), decision.dueAt() + " is not before " + end);
        assertFalse(decision.due());
        for (int run = 0; run < 5; run++) {
            assertEquals(decision, check.decide(certificate, ISSUED), "a second run rolled the dice again");
        }
        assertFalse(check.decide(certificate, decision.dueAt().minusSeconds(1)).due());
        assertTrue(check.decide(certificate, decision.dueAt()).due());
    }

    @Test
    void serialsSpreadOverTheWindow() {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        Instant end = start.plus(Duration.ofDays(2));
        Instant middle = start.plus(Duration.ofDays(1));
        Set<Instant> points = new HashSet<>();
        int early = 0;
        for (int i = 0; i < 50; i++) {
            String serial = Integer.toHexString(0x1000 + i);
            Instant point = RenewalCheck.pointInWindow(start, end, serial);
            assertFalse(point.isBefore(start), serial + ": " + point);
            assertTrue(point.isBefore(end), serial + ": " + point);
            assertEquals(point, RenewalCheck.pointInWindow(start, end, serial), serial);
            points.add(point);
            early += point.isBefore(middle) ? 1 : 0;
        }
        assertTrue(points.size() > 40, "only " + points.size() + " distinct points for 50 serials");
        assertTrue(early > 0 && early < 50, early + " of 50 in the first half of the window");
    }

    @Test
    void anEmptyOrBackwardWindowIsItsStart() {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        assertEquals(start, RenewalCheck.pointInWindow(start, start, "01"));
        assertEquals(start, RenewalCheck.pointInWindow(start, start.minusSeconds(60), "01"));
    }

    @Test
    void anExplicitRenewBeforeEarlierThanTheAriPointWins() {
        Instant start = ISSUED.plus(Duration.ofDays(60));
        RenewalState ari = RenewalState.NONE.withAri(start, start.plus(Duration.ofDays(2)), null, null);
        RenewBefore early = RenewBefore.parse("45d"); // due at day 45, before the window
        StoredCertificate certificate = certificate("05", Duration.ofDays(90), early).withRenewal(ari);

        RenewalDecision decision = check.decide(certificate, ISSUED);

        assertEquals(Basis.RENEW_BEFORE, decision.basis());
        assertEquals(ISSUED.plus(Duration.ofDays(45)), decision.dueAt());
        assertEquals(early, decision.rule());
    }

    @Test
    void anExplicitRenewBeforeLaterThanTheAriPointDoesNotDelayIt() {
        Instant start = ISSUED.plus(Duration.ofDays(60));
        Instant end = start.plus(Duration.ofDays(2));
        RenewalState ari = RenewalState.NONE.withAri(start, end, null, null);
        StoredCertificate certificate = certificate("06", Duration.ofDays(90), RenewBefore.parse("10d"))
                .withRenewal(ari);

        RenewalDecision decision = check.decide(certificate, ISSUED);

        assertEquals(Basis.ARI_WINDOW, decision.basis());
        assertEquals(RenewalCheck.pointInWindow(start, end, "06"), decision.dueAt());
        assertTrue(decision.dueAt().isBefore(ISSUED.plus(Duration.ofDays(80))));
    }

    @Test
    void aRevokedCertificateIsNeverDue() {
        StoredCertificate certificate = certificate("07", Duration.ofDays(90), RenewBefore.AUTO)
                .withRenewal(RenewalState.NONE.withAri(ISSUED, ISSUED.plus(Duration.ofDays(1)), null, null))
                .revoked(ISSUED.plus(Duration.ofDays(2)), "keyCompromise");

        for (Instant now : List.of(ISSUED, ISSUED.plus(Duration.ofDays(89)), ISSUED.plus(Duration.ofDays(400)))) {
            RenewalDecision decision = check.decide(certificate, now);
            assertFalse(decision.due(), "due at " + now);
            assertEquals(Basis.REVOKED, decision.basis());
            assertNull(decision.dueAt());
        }
    }

    private static StoredCertificate certificate(String serial, Duration lifetime, RenewBefore renewBefore) {
        CertificateSpec spec = CertificateSpec.builder(CaServer.resolve("letsencrypt"), List.of("x.example.com"),
                ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).renewBefore(renewBefore).build();
        return StoredCertificate.issued(CertificateName.of("x"), serial, ISSUED, ISSUED, ISSUED.plus(lifetime), spec,
                null);
    }
}
