package io.acmectl.challenge.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.challenge.TlsAlpn01Proof;
import io.acmectl.challenge.TlsAlpnSolver;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import io.acmectl.testing.LoopbackPorts;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tls-alpn-01 self-check against acmectl's own listener on loopback, by an IP identifier (never resolved). */
class TlsAlpnAnswerCheckTest {
    private static final Identifier LOOPBACK = Identifier.ip("127.0.0.1");
    private static final String SNI = "1.0.0.127.in-addr.arpa";
    private static final String KEY_AUTHORIZATION = "tok-EN_1.thumbprint";

    private static Optional<Mismatch> check(int port, String sni, String keyAuthorization) {
        return new TlsAlpnAnswerCheck(PreflightChecks.DEFAULT.withCaValidationPorts(80, port))
                .check(LOOPBACK, sni, keyAuthorization);
    }

    @Test
    void theCertificateOfTheKeyAuthorizationPasses() {
        int port = LoopbackPorts.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(new TlsAlpn01Proof(LOOPBACK, KEY_AUTHORIZATION));
            assertEquals(Optional.empty(), check(port, SNI, KEY_AUTHORIZATION));
        }
    }

    @Test
    void theCertificateOfAnotherKeyAuthorizationIsCaught() {
        int port = LoopbackPorts.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(new TlsAlpn01Proof(LOOPBACK, KEY_AUTHORIZATION));
            Mismatch mismatch = check(port, SNI, KEY_AUTHORIZATION + "x").orElseThrow();
            assertEquals("tls://127.0.0.1:" + port + " (SNI " + SNI + ", ALPN acme-tls/1)", mismatch.fetched());
            assertTrue(mismatch.got().contains("another key authorization"), mismatch::got);
        }
    }

    @Test
    void aNameNotBeingValidatedIsAFailedHandshake() {
        int port = LoopbackPorts.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(new TlsAlpn01Proof(LOOPBACK, KEY_AUTHORIZATION));
            Mismatch mismatch = check(port, "2.0.0.127.in-addr.arpa", KEY_AUTHORIZATION).orElseThrow();
            assertTrue(mismatch.got().endsWith("(127.0.0.1:" + port + ")"), mismatch::got);
        }
    }

    @Test
    void nobodyListeningIsSaid() {
        int port = LoopbackPorts.freePort();
        assertEquals("connection refused by 127.0.0.1:" + port, check(port, SNI, KEY_AUTHORIZATION).orElseThrow().got());
    }
}
