package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The rate guard lets an ARI renewal through inside its window, as Let's Encrypt exempts it, and nothing else. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class AriRateGuardEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().ariAndProfiles().build();

    @TempDir
    Path store;

    private List<String> options() {
        return Stream.concat(PEBBLE.options(store).stream(), Stream.of("--want", store.resolve("want.yaml").toString()))
                .toList();
    }

    @Test
    void anAriRenewalInsideItsWindowIsNotHeldBackButAForcedOneBeforeItIs() throws Exception {
        String name = "ari-guard.example.test";
        Files.writeString(store.resolve("want.yaml"), """
                rate-limits: { duplicates: 1 }
                defaults:
                  agree-tos: true
                  challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                certificates:
                  - name: NAME
                    domains: [NAME]
                    profile: shortlived
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())).replace("NAME", name));
        Cli.Result issued = Cli.run(options(), "issue", "--all");
        assertEquals(0, issued.exitCode(), issued::toString);
        X509Certificate first = Pem.readCertificates(Files.readString(store.resolve("archive/" + name
                + "/cert1.pem")), "cert").get(0);

        // In the window: the order names the certificate it replaces and the guard lets it through.
        Instant later = first.getNotAfter().toInstant().minus(Duration.ofHours(12));
        Cli.Result renewed = Cli.run(Clock.fixed(later, ZoneOffset.UTC), options(), "renew", "--all",
                "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);

        // Now, long before the new certificate's window: a forced renewal is a duplicate, the second.
        Cli.Result forced = Cli.run(options(), "renew", "--cert-name", name, "--force");
        assertEquals(6, forced.exitCode(), forced::toString);
        assertTrue(forced.out().contains("certificates for exactly these names in the last 7 days: 1 (duplicates: 1)"),
                forced::toString);
    }
}
