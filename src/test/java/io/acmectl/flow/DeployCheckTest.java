package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.HostPort;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.Verify;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.PemTlsServer;
import io.acmectl.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy check against a TLS server of the test's own on 127.0.0.1. */
class DeployCheckTest {
    private static final DeployCheck ONCE = new DeployCheck(Duration.ofSeconds(5), 1, Duration.ZERO);

    @TempDir
    Path folder;

    private TestCertificates.Issued serve(Path served) throws Exception {
        TestCertificates.Issued leaf = TestCertificates.localhost(TestCertificates.certificateAuthority());
        Files.createDirectories(served);
        Files.writeString(served.resolve("fullchain.pem"), Pem.certificate(leaf.certificate()));
        Files.writeString(served.resolve("privkey.pem"), Pem.keyPair(leaf.key()));
        return leaf;
    }

    private static StoredCertificate stored(String serial) {
        return MetricsFileTest.certificate("www.example.test", Instant.now(), Duration.ofDays(90), serial);
    }

    @Test
    void theServerPresentingTheNewCertificatePasses() throws Exception {
        TestCertificates.Issued leaf = serve(folder);
        try (PemTlsServer server = PemTlsServer.serving(folder)) {
            String serial = leaf.certificate().getSerialNumber().toString(16);
            DeployCheck.Finding finding = ONCE.check(new Verify(new HostPort("127.0.0.1", server.port())),
                    stored(serial));
            assertTrue(finding.passed(), finding::toString);
            assertEquals("www.example.test", finding.serverName());
        }
    }

    @Test
    void aServerPresentingAnotherCertificateFailsWithWhatItPresents() throws Exception {
        TestCertificates.Issued leaf = serve(folder);
        try (PemTlsServer server = PemTlsServer.serving(folder)) {
            DeployCheck.Finding finding = new DeployCheck(Duration.ofSeconds(5), 2, Duration.ofMillis(10))
                    .check(new Verify(new HostPort("127.0.0.1", server.port())), stored("abc123"));
            assertFalse(finding.passed());
            assertEquals(leaf.certificate().getSerialNumber().toString(16), finding.served());
            assertTrue(finding.describe().contains("presents serial " + finding.served() + ", not the new "
                    + "certificate's abc123"), finding::describe);
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsWithTheReason() {
        int closed = LoopbackPorts.freePort();
        DeployCheck.Finding finding = ONCE.check(new Verify(new HostPort("127.0.0.1", closed)), stored("abc123"));
        assertFalse(finding.passed());
        assertNull(finding.served());
        assertTrue(finding.describe().startsWith("127.0.0.1:" + closed + " (SNI www.example.test) could not be "
                + "asked: "), finding::describe);
    }

    @Test
    void theNameAskedForIsTheFirstNameOrABelowAWildcardAndNoneForAnAddress() {
        assertEquals("www.example.test", DeployCheck.serverName("www.example.test"));
        assertEquals("acmectl-verify.example.test", DeployCheck.serverName("*.example.test"));
        assertNull(DeployCheck.serverName("192.0.2.10"));
        assertNull(DeployCheck.serverName("2001:db8::1"));
    }
}
