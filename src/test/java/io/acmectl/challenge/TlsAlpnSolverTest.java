package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.KeyType;
import io.acmectl.testing.LoopbackPorts;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsAlpnSolverTest {
    private static final String ACME_TLS_1 = "acme-tls/1";
    private static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";
    private static final TlsAlpn01Proof PROOF = new TlsAlpn01Proof(Identifier.dns("example.com"), "tok-EN_1.thumb");

    static Stream<Arguments> keyTypesAndVersions() {
        return Stream.of(KeyType.EC256, KeyType.EC384, KeyType.RSA2048)
                .flatMap(key -> Stream.of(Arguments.of(key, "TLSv1.3"), Arguments.of(key, "TLSv1.2")));
    }

    @ParameterizedTest
    @MethodSource("keyTypesAndVersions")
    void presentsTheValidationCertificateForTheNameAsked(KeyType keyType, String version) throws Exception {
        int port = Http.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port, keyType)) {
            assertEquals(ChallengeSpec.TLS_ALPN_01, solver.type());
            solver.present(PROOF);
            Tls.Handshake handshake = Tls.handshake(port, version, "example.com", ACME_TLS_1);

            assertEquals(ACME_TLS_1, handshake.applicationProtocol());
            assertEquals(1, handshake.chainLength(), "the certificate alone");
            X509Certificate certificate = handshake.certificate();
            assertCarriesKeyAuthorization(certificate, "tok-EN_1.thumb");
            assertEquals(List.of(List.of(2, "example.com")), sans(certificate), "one dNSName");
            assertEquals("CN=example.com", certificate.getSubjectX500Principal().getName());
            assertEquals(keyType.name().startsWith("EC") ? "EC" : "RSA", certificate.getPublicKey().getAlgorithm());
            assertEquals(keyType, KeyType.of(certificate.getPublicKey()));
            certificate.verify(certificate.getPublicKey()); // self-signed
        }
    }

    /** RFC 8738: an IP identifier is asked for by its reverse name and named by an iPAddress SAN. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anIpAddressIsAskedForByItsReverseNameAndNamedAsAnAddress(String version) throws Exception {
        int port = Http.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(new TlsAlpn01Proof(Identifier.dns("127.0.0.1"), "v4.thumb"));
            solver.present(new TlsAlpn01Proof(Identifier.dns("::1"), "v6.thumb"));

            X509Certificate v4 = Tls.handshake(port, version, "1.0.0.127.in-addr.arpa", ACME_TLS_1).certificate();
            assertEquals(List.of(List.of(7, "127.0.0.1")), sans(v4));
            assertCarriesKeyAuthorization(v4, "v4.thumb");

            X509Certificate v6 = Tls.handshake(port, version, "1." + "0.".repeat(31) + "ip6.arpa", ACME_TLS_1)
                    .certificate();
            assertEquals(List.of(List.of(7, "0:0:0:0:0:0:0:1")), sans(v6));
            assertCarriesKeyAuthorization(v6, "v6.thumb");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientThatDoesNotAskForAcmeTls1GetsAFailedHandshake(String version) throws Exception {
        int port = Http.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            assertRefused("handshake_failure", () -> Tls.handshake(port, version, "example.com"));
            assertRefused("no_application_protocol",
                    () -> Tls.handshake(port, version, "example.com", "h2", "http/1.1"));
            assertEquals(ACME_TLS_1, Tls.handshake(port, version, "example.com", "h2", ACME_TLS_1)
                    .applicationProtocol(), "offered among others, it is agreed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aNameNotBeingValidatedGetsAFailedHandshake(String version) throws Exception {
        int port = Http.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            assertRefused("handshake_failure", () -> Tls.handshake(port, version, "example.com", ACME_TLS_1));
            solver.present(PROOF);
            assertRefused("handshake_failure", () -> Tls.handshake(port, version, "other.example", ACME_TLS_1));
            assertRefused("handshake_failure", () -> Tls.handshake(port, version, "www.example.com", ACME_TLS_1));
            assertRefused("handshake_failure", () -> Tls.handshake(port, version, null, ACME_TLS_1));
            assertEquals(List.of(List.of(2, "example.com")),
                    sans(Tls.handshake(port, version, "EXAMPLE.com", ACME_TLS_1).certificate()), "names ignore case");
        }
    }

    /** A client that keeps its session cache offers to resume: that must not skip the withdrawal either. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void afterCleanUpTheNameGetsAFailedHandshakeEvenWhenResuming(String version) throws Exception {
        int port = Http.freePort();
        SSLContext client = Tls.client();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            Tls.handshake(client, port, version, "example.com", ACME_TLS_1);
            Tls.handshake(client, port, version, "example.com", ACME_TLS_1);
            solver.cleanUp(PROOF);
            assertRefused("handshake_failure", () -> Tls.handshake(client, port, version, "example.com", ACME_TLS_1));
            solver.cleanUp(PROOF); // a second clean-up is harmless
        }
    }

    @Test
    void twoProofsOfOneNameAreServedNewestFirstAndWithdrawnEachByItsOwn() throws Exception {
        int port = Http.freePort();
        TlsAlpn01Proof first = new TlsAlpn01Proof(PROOF.identifier(), "first.thumb");
        TlsAlpn01Proof second = new TlsAlpn01Proof(PROOF.identifier(), "second.thumb");
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(first);
            solver.present(second);
            assertCarriesKeyAuthorization(served(port), "second.thumb");
            solver.cleanUp(first);
            assertCarriesKeyAuthorization(served(port), "second.thumb");
            solver.present(first);
            solver.cleanUp(second);
            assertCarriesKeyAuthorization(served(port), "first.thumb");
            solver.cleanUp(first);
            assertRefused("handshake_failure", () -> served(port));
        }
    }

    @Test
    void anotherKindOfProofIsABug() {
        int port = Http.freePort();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            Http01Proof http = new Http01Proof(PROOF.identifier(), "tok", "tok.thumb");
            assertThrows(IllegalArgumentException.class, () -> solver.present(http));
            assertThrows(IllegalArgumentException.class, () -> solver.cleanUp(http));
        }
    }

    @Test
    void aBusyPortIsAChallengeSetupFailure() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                    () -> new TlsAlpnSolver("127.0.0.1", busy.getLocalPort()));
            assertTrue(failure.getMessage().startsWith("cannot listen on 127.0.0.1:" + busy.getLocalPort()
                    + " for tls-alpn-01: "), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("(is a web server running there? use http-01 instead)"),
                    failure.getMessage());
        }
    }

    @Test
    void closingFreesThePortAndMayBeRepeated() throws Exception {
        int port = Http.freePort();
        TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port);
        solver.close();
        solver.close();
        LoopbackPorts.awaitNoListener(port); // a child process another test starts may hold it a moment
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(again.isBound());
        }
    }

    @Test
    void theSpecTakesPortsOf16BitsAndNoWildcard() {
        ChallengeSpec.TlsAlpn spec = new ChallengeSpec.TlsAlpn(ChallengeSpec.TlsAlpn.DEFAULT_PORT, null);
        assertEquals(443, spec.port());
        assertEquals("tls-alpn-01", spec.challengeType());
        assertTrue(spec.canProve(Identifier.dns("example.com")));
        assertFalse(spec.canProve(Identifier.dns("*.example.com")));
        assertThrows(Failure.BadInput.class, () -> new ChallengeSpec.TlsAlpn(0, null));
        assertThrows(Failure.BadInput.class, () -> new ChallengeSpec.TlsAlpn(65536, "127.0.0.1"));
    }

    static X509Certificate served(int port) throws Exception {
        return Tls.handshake(port, "TLSv1.3", "example.com", ACME_TLS_1).certificate();
    }

    /** RFC 8737 section 3: a critical id-pe-acmeIdentifier whose value is an OCTET STRING of SHA-256(key authorization). */
    static void assertCarriesKeyAuthorization(X509Certificate certificate, String keyAuthorization) throws Exception {
        assertTrue(certificate.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER), "critical");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {0x04, 34, 0x04, 32}); // extnValue's OCTET STRING around the Authorization's
        expected.write(digest);
        assertArrayEquals(expected.toByteArray(), certificate.getExtensionValue(ACME_IDENTIFIER));
    }

    static List<List<?>> sans(X509Certificate certificate) throws Exception {
        return new ArrayList<>(certificate.getSubjectAlternativeNames());
    }

    static void assertRefused(String alert, org.junit.jupiter.api.function.Executable handshake) {
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, handshake);
        assertEquals("Received fatal alert: " + alert, refused.getMessage());
    }
}
