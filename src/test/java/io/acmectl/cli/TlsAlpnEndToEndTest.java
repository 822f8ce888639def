package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls-alpn-01 through the real command line and want list against a real Pebble, whose validator
 * connects to acmectl's TLS listener on the port this class gives it (PebbleServer keeps no tls port).
 */
class TlsAlpnEndToEndTest {
    private static final int TLS_PORT = LoopbackPorts.freePort();

    @RegisterExtension
    static final PebbleServer PEBBLE =
            PebbleServer.builder().config("tlsPort", String.valueOf(TLS_PORT)).dedicated().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec256", "rsa2048"})
    void issueByTlsAlpnWithEcAndRsaCertificateKeys(String keyType) throws Exception {
        String name = "alpn-" + keyType + ".example.test";
        Cli.Result result = acmectl("issue", name, "--tls-alpn", "--tls-port", Integer.toString(TLS_PORT),
                "--tls-address", "127.0.0.1", "--key-type", keyType, "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
        Path live = store.resolve("live/" + name);
        X509Certificate leaf = Pem.readCertificates(Files.readString(live.resolve("cert.pem")), "cert").get(0);
        KeyPair key = Pem.readKeyPair(Files.readString(live.resolve("privkey.pem")), "key");
        assertEquals(null, CertificateCheck.problem(leaf, key, List.of(name)));
        assertEquals("tls-alpn-01", Metadata.of(store, name).at("/settings/challenge/type").asText());
        assertEquals(TLS_PORT, Metadata.of(store, name).at("/settings/challenge/port").asInt());
        // The stored challenge renews the same way.
        Cli.Result renewed = acmectl("renew", "--cert-name", name, "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
    }

    @Test
    void aWantListCertificateAnswersByTlsAlpn() throws Exception {
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: alpn-wanted
                    domains: [alpn-wanted.example.test]
                    challenge: { tls-alpn: { port: PORT, address: 127.0.0.1 } }
                """.replace("PORT", Integer.toString(TLS_PORT)));
        Cli.Result result = acmectl("--want", want.toString(), "issue", "--all");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
    }

    @Test
    void aBusyTlsPortIsAChallengeSetupError() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result result = acmectl("issue", "busy-alpn.example.test", "--tls-alpn", "--tls-port",
                    Integer.toString(busy.getLocalPort()), "--tls-address", "127.0.0.1", "--agree-tos");
            assertEquals(5, result.exitCode(), result::toString);
            assertTrue(result.err().contains("tls-alpn-01"), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
        }
    }
}
