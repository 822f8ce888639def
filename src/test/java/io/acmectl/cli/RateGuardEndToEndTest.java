package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The rate guard and the policy against a real Pebble: what they hold back never reaches the CA.
 * A Pebble of its own, so its log holds only this class's orders (counted by their POSTs to new-order).
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port, or counts on nobody there
class RateGuardEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private Cli.Result issue(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("issue", name, "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos"));
        args.addAll(List.of(more));
        return acmectl(args.toArray(String[]::new));
    }

    /** Orders that reached the CA so far. */
    private static long orders() throws Exception {
        return PEBBLE.log().lines().filter(line -> line.contains("POST /order-plz")).count();
    }

    @Test
    void theThirdIssueOfTheSameNamesIsHeldBackWithExitSixBeforeAnyOrderReachesTheCa() throws Exception {
        assertEquals(0, issue("dup.example.test", "--rate-limits", "duplicates=2").exitCode());
        Cli.Result second = issue("dup.example.test", "--force", "--rate-limits", "duplicates=2");
        assertEquals(0, second.exitCode(), second::toString);
        long before = orders();

        Cli.Result third = issue("dup.example.test", "--force", "--rate-limits", "duplicates=2");
        assertEquals(6, third.exitCode(), third::toString);
        assertTrue(third.err().startsWith("acmectl: error: acmectl's rate guard held back the order for "
                + "dup.example.test at https://"), third::toString);
        assertTrue(third.err().contains("certificates for exactly these names in the last 7 days: 2 (duplicates: 2)"
                + "; it clears at "), third::toString);
        assertEquals(before, orders(), "an order reached the CA");

        LoopbackPorts.awaitNoListener(PEBBLE.httpPort()); // the renewal listens there too, before the guard
        Cli.Result renewal = acmectl("renew", "--cert-name", "dup.example.test", "--force", "--rate-limits",
                "duplicates=2");
        assertEquals(6, renewal.exitCode(), renewal::toString);
        assertEquals(before, orders(), "an order reached the CA");

        Cli.Result ignored = issue("dup.example.test", "--force", "--rate-limits", "duplicates=2",
                "--ignore-rate-guard");
        assertEquals(0, ignored.exitCode(), ignored::toString);
        assertEquals(before + 1, orders());
    }

    @Test
    void theWantListsRateLimitsHoldBackACommandLineIssueAndTheOptionOverridesThem() throws Exception {
        Files.writeString(store.resolve("want.yaml"), "rate-limits: { duplicates: 1 }\n");
        Cli.Result first = issue("want.example.test");
        assertEquals(0, first.exitCode(), first::toString);
        long before = orders();
        Cli.Result held = issue("want.example.test", "--force");
        assertEquals(6, held.exitCode(), held::toString);
        assertEquals(before, orders());
        Cli.Result none = issue("want.example.test", "--force", "--rate-limits", "none");
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals(before + 1, orders());
    }

    @Test
    void aFailedValidationCountsAndTheNextOrderForTheNameIsHeldBack() throws Exception {
        Path webroot = Files.createDirectories(store.resolve("nobody-serves-this"));
        // --no-self-check: the CA must be asked (and refuse) for the failure to count.
        String[] args = {"--no-self-check", "issue", "fail.example.test", "--webroot", webroot.toString(), "--agree-tos",
            "--rate-limits", "failed-validations=1"};
        Cli.Result failed = acmectl(args);
        assertEquals(1, failed.exitCode(), failed::toString);
        long before = orders();
        Cli.Result held = acmectl(args);
        assertEquals(6, held.exitCode(), held::toString);
        assertTrue(held.err().contains("failed validations of fail.example.test in the last hour: 1"), held::toString);
        assertEquals(before, orders());
    }

    @Test
    void aNameOutsideThePolicyIsRefusedWithExitTwoAndNothingIsOrdered() throws Exception {
        Files.writeString(store.resolve("want.yaml"), "policy: { allowed-domains: [\"*.allowed.test\"] }\n");
        long before = orders();
        Cli.Result refused = issue("elsewhere.example.test");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertEquals("acmectl: error: refusing to order elsewhere.example.test: it is outside the allowed-domains of "
                + store.resolve("want.yaml") + " (*.allowed.test)\n", refused.err());
        assertEquals(before, orders());
        assertTrue(Files.notExists(store.resolve("live/elsewhere.example.test")));

        Cli.Result allowed = issue("www.allowed.test");
        assertEquals(0, allowed.exitCode(), allowed::toString);
        assertEquals(before + 1, orders());
    }
}
