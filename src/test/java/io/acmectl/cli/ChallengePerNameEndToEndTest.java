package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A want-list certificate whose two names are proven two ways (http-01 by the standalone listener on
 * Pebble's http port, tls-alpn-01 on a tls port of this class's own Pebble): issued, and renewed
 * with the per-name choice the store kept.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class)
class ChallengePerNameEndToEndTest {
    private static final int TLS_PORT = LoopbackPorts.freePort();

    @RegisterExtension
    static final PebbleServer PEBBLE =
            PebbleServer.builder().config("tlsPort", String.valueOf(TLS_PORT)).dedicated().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    @Test
    void eachNameIsProvenByItsOwnChallengeAndRenewedTheSameWay() throws Exception {
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: mixed
                    domains: [web.mixed.example.test, alpn.mixed.example.test]
                    challenge:
                      web.mixed.example.test: { standalone: { port: HTTP_PORT, address: 127.0.0.1 } }
                      "*.mixed.example.test": { tls-alpn: { port: TLS_PORT, address: 127.0.0.1 } }
                """.replace("HTTP_PORT", Integer.toString(PEBBLE.httpPort()))
                .replace("TLS_PORT", Integer.toString(TLS_PORT)));
        Cli.Result result = acmectl("--want", want.toString(), "issue", "--all");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);

        Path live = store.resolve("live/mixed");
        X509Certificate leaf = Pem.readCertificates(Files.readString(live.resolve("cert.pem")), "cert").get(0);
        KeyPair key = Pem.readKeyPair(Files.readString(live.resolve("privkey.pem")), "key");
        assertEquals(null, CertificateCheck.problem(leaf, key,
                List.of("web.mixed.example.test", "alpn.mixed.example.test")));
        JsonNode byName = Metadata.of(store, "mixed").at("/settings/challenges-by-name");
        assertEquals("http-01", byName.path("web.mixed.example.test").path("type").asText(), byName::toString);
        assertEquals("tls-alpn-01", byName.path("*.mixed.example.test").path("type").asText(), byName::toString);
        assertEquals(TLS_PORT, byName.path("*.mixed.example.test").path("port").asInt(), byName::toString);

        Cli.Result renewed = acmectl("renew", "--cert-name", "mixed", "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        assertEquals(byName, Metadata.of(store, "mixed").at("/settings/challenges-by-name"));
        // Pebble logs its http-01 attempts (not tls-alpn-01's): the alpn name was never asked over http.
        String log = PEBBLE.log();
        assertTrue(log.contains("w/ HTTP: http://web.mixed.example.test:"), log);
        assertTrue(!log.contains("w/ HTTP: http://alpn.mixed.example.test:"), log);
    }
}
