package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A want list with an invalid entry (issue 13): every error is shown, the valid entries go ahead, and
 * only a run that names the broken certificate, or has nothing valid to do, is refused.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class InvalidWantListEntryTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    /** Two certificates: the second made invalid by {@link #BROKEN} in two places. */
    private static final String WANT = """
            defaults:
              agree-tos: true
              challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
            certificates:
              - name: good.example.test
                domains: [good.example.test]
              - name: bad.example.test
                domains: [bad.example.test]
            """;
    private static final String BROKEN = """
                key: { type: rsa1234 }
                profile: a b
            """;

    @TempDir
    Path store;

    private Path want(String yaml) throws Exception {
        return Files.writeString(store.resolve("want.yaml"), yaml.replace("PORT",
                Integer.toString(PEBBLE.httpPort())));
    }

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private int version(String name) throws Exception {
        return Metadata.of(store, name).get("version").asInt();
    }

    @Test
    void aBrokenEntryStopsOnlyItsOwnCertificate() throws Exception {
        want(WANT);
        Cli.Result issued = acmectl("issue", "--all");
        assertEquals(0, issued.exitCode(), issued::toString);
        Path file = want(WANT + BROKEN);
        String keyError = file + ":9:18: unknown key type 'rsa1234'";
        String profileError = file + ":10:14: 'a b' is not a profile name";

        // Every run reports every error; a run over all renews the rest and counts the entry as failed.
        Cli.Result all = acmectl("renew", "--all", "--force");
        assertEquals(1, all.exitCode(), all::toString);
        assertTrue(all.out().matches("(?s).*good\\.example\\.test +renewed .*"), all::toString);
        assertTrue(all.out().matches("(?s).*bad\\.example\\.test +failed +invalid want-list entry, not attempted "
                + "\\(2 errors on stderr\\).*"), all::toString);
        assertTrue(all.out().contains("issued 0, renewed 1, not due 0, failed 1, skipped (locked) 0"),
                all::toString);
        assertSkipped(all, keyError, profileError);
        assertEquals(2, version("good.example.test"));
        assertEquals(1, version("bad.example.test"), "renewed with settings its admin has since changed");

        // Named: the valid one goes ahead and the run is as good as its renewal; the broken one is refused.
        Cli.Result good = acmectl("renew", "--cert-name", "good.example.test", "--force");
        assertEquals(0, good.exitCode(), good::toString);
        assertTrue(good.out().contains("issued 0, renewed 1, not due 0, failed 0"), good::toString);
        assertSkipped(good, keyError, profileError);
        assertEquals(3, version("good.example.test"));

        Cli.Result bad = acmectl("renew", "--cert-name", "bad.example.test", "--force");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertEquals("", bad.out(), bad::toString);
        List<String> lines = bad.err().lines().toList();
        assertEquals(2, lines.size(), bad::toString);
        assertTrue(lines.get(0).startsWith("acmectl: error: " + keyError), bad::toString);
        assertTrue(lines.get(1).startsWith("acmectl: error: " + profileError), bad::toString);
        assertEquals(1, version("bad.example.test"));

        Cli.Result again = acmectl("issue", "--all");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.out().contains("issued 0, renewed 0, not due 1, failed 1"), again::toString);
        assertSkipped(again, keyError, profileError);
    }

    /** stderr holds exactly the entry's errors, each a line that says the certificate was skipped. */
    private static void assertSkipped(Cli.Result result, String... errors) {
        List<String> lines = result.err().lines().toList();
        assertEquals(errors.length, lines.size(), result::toString);
        for (int i = 0; i < errors.length; i++) {
            assertTrue(lines.get(i).startsWith("acmectl: " + errors[i]), result::toString);
            assertTrue(lines.get(i).endsWith(" (certificate 'bad.example.test' skipped)"), result::toString);
        }
    }

    @Test
    void issueAllWithNothingValidIsRefusedWithEveryError() throws Exception {
        Path file = want("""
                certificates:
                  - name: a.example.test
                    domains: [a..example.test]
                  - domains: [b.example.test]
                    challenge: { standalone: { port: 70000 } }
                """);
        Cli.Result result = acmectl("issue", "--all");
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out(), result::toString);
        List<String> lines = result.err().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertTrue(lines.get(0).startsWith("acmectl: error: " + file + ":2:5: certificate 'a.example.test' needs "
                + "exactly one challenge"), result::toString);
        assertTrue(lines.get(1).startsWith("acmectl: error: " + file + ":3:15: invalid domain name"), result::toString);
        assertTrue(lines.get(2).startsWith("acmectl: error: " + file + ":4:5: a certificate needs a name"),
                result::toString);
        assertTrue(lines.get(3).startsWith("acmectl: error: " + file + ":5:38: port 70000"), result::toString);
        assertFalse(Files.exists(store.resolve("accounts")), result::toString);
    }

    /** An entry's webroot made after a run that refused it: the next run checks it again, cache or not. */
    @Test
    void anInvalidEntryIsCheckedAgainAtTheNextRun() throws Exception {
        Path webroot = store.resolve("www");
        want("""
                certificates:
                  - name: stand.example.test
                    domains: [stand.example.test]
                    challenge: { standalone: { port: 80 } }
                  - name: web.example.test
                    domains: [web.example.test]
                    challenge: { webroot: WEBROOT }
                """.replace("WEBROOT", webroot.toString()));
        // A CA nobody listens at: each entry that is tried fails, and the run names every one it tried.
        List<String> nowhere = List.of("--config-dir", store.toString(), "--server",
                "https://127.0.0.1:" + PebbleServer.freePort() + "/dir");
        Cli.Result first = Cli.run(nowhere, "issue", "--all");
        assertEquals(1, first.exitCode(), first::toString);
        assertTrue(first.err().contains("webroot " + webroot + " does not exist"), first::toString);
        assertTrue(first.out().matches("(?s).*web\\.example\\.test +failed +invalid want-list entry.*"),
                first::toString);
        assertTrue(Files.readString(store.resolve("cache/want-list.json")).contains("does not exist"));

        Files.createDirectories(webroot);
        Cli.Result second = Cli.run(nowhere, "issue", "--all");
        assertEquals(4, second.exitCode(), second::toString);
        assertEquals("", second.err().lines().filter(l -> l.contains("want.yaml")).findFirst().orElse(""),
                second::toString);
        assertTrue(second.out().contains("issued 0, renewed 0, not due 0, failed 2"), second::toString);
    }
}
