package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.acme.AcmeSessions;
import io.acmectl.core.CaServer;
import io.acmectl.crypto.Pem;
import com.fasterxml.jackson.databind.JsonNode;
import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.exception.AcmeServerException;

/** ACME Renewal Information and profiles, against a Pebble that has both (2.7 or newer). */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class AriAndProfilesTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().ariAndProfiles().build();

    @TempDir
    Path store;

    private List<String> options() {
        return Stream.concat(PEBBLE.options(store).stream(), Stream.of("--want", store.resolve("want.yaml").toString()))
                .toList();
    }

    private void want(String name, String profile) throws Exception {
        Files.writeString(store.resolve("want.yaml"), """
                defaults:
                  agree-tos: true
                  challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                certificates:
                  - name: NAME
                    domains: [NAME]
                    profile: PROFILE
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())).replace("NAME", name)
                .replace("PROFILE", profile));
    }

    private X509Certificate archived(String name, int version) throws Exception {
        return Pem.readCertificates(Files.readString(store.resolve("archive/" + name + "/cert" + version + ".pem")),
                "cert").get(0);
    }

    private static Duration lifetime(X509Certificate certificate) {
        return Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    @Test
    void aShortLivedCertificateRenewsInsideItsAriWindowKeepingItsProfileAndClaimingReplaces() throws Exception {
        String name = "short.example.test";
        want(name, "shortlived");
        Cli.Result issued = Cli.run(options(), "issue", "--all");
        assertEquals(0, issued.exitCode(), issued::toString);
        X509Certificate first = archived(name, 1);
        assertTrue(lifetime(first).compareTo(Duration.ofDays(7)) < 0, () -> "shortlived: " + lifetime(first));

        // Now: the CA's window is days away, and is cached with the time to ask again.
        Cli.Result early = Cli.run(options(), "-v", "renew", "--all", "--no-random-sleep"); // -v: the not-due line
        assertEquals(0, early.exitCode(), early::toString);
        assertTrue(early.out().contains("not due 1"), early::toString);
        assertTrue(early.out().contains("(ARI window "), early::toString);
        JsonNode metadata = Metadata.of(store, name);
        assertTrue(metadata.at("/renewal/ari-window-start").isTextual(), metadata::toString);
        assertTrue(metadata.at("/renewal/ari-next-check").isTextual(), metadata::toString);

        // Five days on, the window has opened (it ends before the certificate does).
        Instant later = first.getNotAfter().toInstant().minus(Duration.ofHours(12));
        Cli.Result renewed = Cli.run(Clock.fixed(later, ZoneOffset.UTC), options(), "renew", "--all",
                "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        X509Certificate second = archived(name, 2);
        assertTrue(lifetime(second).compareTo(Duration.ofDays(7)) < 0, "the profile is kept: " + lifetime(second));
        assertEquals("shortlived", Metadata.of(store, name).at("/settings/profile").asText());

        // The renewal order claimed the old certificate: the CA now refuses a second claim on it.
        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> orderReplacing(first, name));
        assertTrue(refused.getMessage().contains("already has a replacement order"), refused::getMessage);
        assertEquals("urn:ietf:params:acme:error:alreadyReplaced", refused.getType().toString());
    }

    @Test
    void theDefaultProfileGivesNinetyDays() throws Exception {
        want("long.example.test", "default");
        assertEquals(0, Cli.run(options(), "issue", "--all").exitCode());
        assertEquals(Duration.ofDays(90).toDays(), lifetime(archived("long.example.test", 1)).toDays(), 1);
        Cli.Result list = Cli.run(options(), "certificates");
        assertTrue(list.out().contains("default"), list::toString);
    }

    @Test
    void anUnknownProfileIsTheCasRefusalNamingTheCertificate() throws Exception {
        want("odd.example.test", "nosuchprofile");
        Cli.Result result = Cli.run(options(), "issue", "--all");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains("odd.example.test         failed"), result::toString);
    }

    private void orderReplacing(X509Certificate old, String name) throws Exception {
        Path folder = Accounts.only(store, Accounts.serverId(PEBBLE));
        KeyPair key = Pem.readKeyPair(Files.readString(folder.resolve("account.key")), "account");
        String url = Files.readString(folder.resolve("account.json")).replaceAll("(?s).*\"url\" : \"([^\"]+)\".*", "$1");
        Login login = new AcmeSessions(PEBBLE.caBundle()).open(CaServer.resolve(PEBBLE.directory().toString()))
                .login(java.net.URI.create(url).toURL(), key);
        login.newOrder().domain(name).replaces(old).create();
    }
}
