package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dns-persist-01 against Pebble 2.10, which offers it: the first order publishes the lasting record
 * through the hook (into pebble-challtestsrv); a later order of the same account finds it there and
 * needs no DNS change, so a hook that would fail is never run. Pebble reuses no authorization here,
 * so the second order is really proven by the record.
 */
class DnsPersistEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().ariAndProfiles().env("PEBBLE_AUTHZREUSE", "0").build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--agree-tos", "--dns-persist", "--dns-resolver", "127.0.0.1:" + PEBBLE.dnsPort(),
                "--dns-propagation-timeout", "0"));
        return Cli.run(PEBBLE.options(store), all.toArray(String[]::new));
    }

    private String hook(String mode) throws Exception {
        Path script = Path.of(getClass().getResource("/dns/challtestsrv-hook.sh").toURI());
        return "sh " + script + " " + PEBBLE.challtestsrvUrl() + " " + mode + " " + store.resolve("hook.log");
    }

    private List<String> hookRuns() throws Exception {
        Path log = store.resolve("hook.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void theFirstOrderPublishesTheRecordAndALaterOneNeedsNoDnsChange() throws Exception {
        String name = "persist.dns.example.test";
        try {
            Cli.Result first = acmectl("issue", name, "--dns-hook", hook("set"));
            assertEquals(0, first.exitCode(), first::toString);
            List<String> runs = hookRuns();
            assertEquals(1, runs.size(), runs::toString);
            assertTrue(runs.get(0).startsWith("set name=_validation-persist." + name + ". value="), runs::toString);
            assertTrue(runs.get(0).contains("; accounturi=https://localhost:"), runs::toString);
            assertTrue(!runs.get(0).contains("policy=wildcard"), runs::toString);

            // what dns-persist show prints is what was published
            String value = runs.get(0).replaceAll(".* value=(.*) domain=.*", "$1");
            String issuer = value.substring(0, value.indexOf(';'));
            Cli.Result shown = Cli.run(PEBBLE.options(store), "dns-persist", "show", name, "--issuer-domain", issuer);
            assertEquals(0, shown.exitCode(), shown::toString);
            assertEquals("_validation-persist." + name + ". IN TXT \"" + value + "\"\n", shown.out());
            Cli.Result unknown = Cli.run(PEBBLE.options(store), "dns-persist", "show", name);
            assertEquals(2, unknown.exitCode(), unknown::toString);
            assertTrue(unknown.err().contains("--issuer-domain"), unknown::toString);

            Cli.Result second = acmectl("issue", name, "--force", "--dns-hook", hook("fail"));
            assertEquals(0, second.exitCode(), second::toString);
            assertEquals(runs, hookRuns(), "the hook ran again");
        } finally {
            PEBBLE.challtestsrv("/clear-txt", "{\"host\":\"_validation-persist." + name + ".\"}");
        }
    }

    @Test
    void aWildcardRecordSaysSo() throws Exception {
        String base = "wildpersist.dns.example.test";
        try {
            Cli.Result result = acmectl("issue", "*." + base, "--dns-hook", hook("set"));
            assertEquals(0, result.exitCode(), result::toString);
            List<String> runs = hookRuns();
            assertEquals(1, runs.size(), runs::toString);
            assertTrue(runs.get(0).startsWith("set name=_validation-persist." + base + ". "), runs::toString);
            assertTrue(runs.get(0).contains("; policy=wildcard domain=" + base + " "), runs::toString);
        } finally {
            PEBBLE.challtestsrv("/clear-txt", "{\"host\":\"_validation-persist." + base + ".\"}");
        }
    }
}
