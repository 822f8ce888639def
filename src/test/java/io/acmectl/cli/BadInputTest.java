package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input ends in one line on stderr naming the problem, a distinct exit code, no
 * stack trace, and an untouched store. None of these reaches a CA, so none needs Pebble.
 */
class BadInputTest {
    @TempDir
    Path store;

    /** A directory URL on a loopback port where nothing listens. */
    private List<String> unreachableCa() throws Exception {
        return List.of("--config-dir", store.toString(), "--server",
                "https://127.0.0.1:" + PebbleServer.freePort() + "/dir");
    }

    private static void assertOneLineError(Cli.Result result, int exitCode, String... fragments) {
        assertEquals(exitCode, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
        for (String fragment : fragments) {
            assertTrue(result.err().contains(fragment), () -> "missing '" + fragment + "' in " + result);
        }
    }

    @Test
    void anInvalidDomainIsNamed() throws Exception {
        Cli.Result result = Cli.run(unreachableCa(), "issue", "good.example.com", "bad_name!.example.com",
                "--standalone", "--http-port", "1");
        assertOneLineError(result, 2, "invalid domain name 'bad_name!.example.com'");
    }

    @Test
    void aSingleLabelAndAMisplacedWildcardAreRefused() throws Exception {
        assertOneLineError(Cli.run(unreachableCa(), "issue", "localhost", "--standalone"), 2, "'localhost'",
                "fully qualified");
        assertOneLineError(Cli.run(unreachableCa(), "issue", "a.*.example.com", "--standalone"), 2, "wildcard");
    }

    @Test
    void letsEncryptIssuesAnIpAddressOnlyWithTheShortlivedProfileAndSaysSoBeforeAnyRequest() {
        // no network here: the refusal must come before the CA is contacted, the store untouched
        Cli.Result result = Cli.run(List.of("--config-dir", store.toString(), "--server", "letsencrypt"),
                "issue", "192.0.2.10", "--profile", "classic", "--standalone", "--agree-tos");
        assertOneLineError(result, 2, "Let's Encrypt issues certificates for IP addresses only with the "
                + "'shortlived' profile, not 'classic'");
        assertFalse(Files.exists(store.resolve("accounts")), result::toString);
    }

    @Test
    void anIpAddressWithALeadingZeroIsRefused() throws Exception {
        assertOneLineError(Cli.run(unreachableCa(), "issue", "192.0.2.010", "--standalone"), 2,
                "invalid IP address '192.0.2.010'", "leading zero");
    }

    @Test
    void aCaThatEndedItsServiceIsRefusedWithTheDate() {
        Cli.Result result = Cli.run(List.of("--config-dir", store.toString(), "--server", "buypass"),
                "issue", "example.com", "--standalone");
        assertOneLineError(result, 2, "Buypass ended its ACME service in April 2026");
        assertFalse(Files.exists(store.resolve("accounts")), result::toString);
    }

    @Test
    void anUnknownServerAliasListsTheKnownOnes() {
        Cli.Result result = Cli.run(List.of("--config-dir", store.toString(), "--server", "letsencrypt-stagin"),
                "issue", "example.com", "--standalone");
        assertOneLineError(result, 2, "unknown server 'letsencrypt-stagin'", "letsencrypt-staging");
    }

    @Test
    void aMissingWebrootIsNamed() throws Exception {
        Path missing = store.resolve("no-such-site");
        Cli.Result result = Cli.run(unreachableCa(), "issue", "example.com", "--webroot", missing.toString());
        assertOneLineError(result, 2, "webroot " + missing + " does not exist");
    }

    @Test
    void aWebrootThatCannotBeWrittenIsNamed(@TempDir Path webroot) throws Exception {
        // Tests may run as root, which ignores file modes: block the folder with a file instead.
        Files.writeString(webroot.resolve(".well-known"), "not a folder");
        Cli.Result result = Cli.run(unreachableCa(), "issue", "example.com", "--webroot", webroot.toString());
        assertOneLineError(result, 2, "webroot " + webroot + " is not writable");
    }

    @Test
    void aWebrootThatIsAFileIsNamed(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("index.html"), "hello");
        Cli.Result result = Cli.run(unreachableCa(), "issue", "example.com", "--webroot", file.toString());
        assertOneLineError(result, 2, "is not a folder");
    }

    @Test
    void aPortInUseIsNamedBeforeTheCaIsAsked() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run(unreachableCa(), "issue", "example.com", "--standalone", "--http-port",
                    Integer.toString(busy.getLocalPort()), "--http-address", "127.0.0.1");
            assertOneLineError(result, 5, "cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }

    @Test
    void anUnreachableCaIsNamedAndLeavesNoAccount() throws Exception {
        List<String> options = unreachableCa();
        Cli.Result result = Cli.run(options, "issue", "example.com", "--standalone", "--http-port",
                Integer.toString(PebbleServer.freePort()), "--http-address", "127.0.0.1", "--agree-tos");
        assertOneLineError(result, 4, "cannot reach the CA at " + options.get(3));
        assertFalse(Files.exists(store.resolve("live")));
        assertEquals(List.of(), Accounts.in(store, "127.0.0.1_" + options.get(3).split("[:/]")[4]));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result result = Cli.run(List.of(), "issue", "example.com", "--standalone", "--no-such-option");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("acmectl: Unknown option: '--no-such-option'"), result::toString);
    }

    @Test
    void aStackTraceIsShownOnlyWhenVerbose() throws Exception {
        Cli.Result result = Cli.run(unreachableCa(), "-v", "issue", "example.com", "--webroot", "/nonexistent");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("\tat io.acmectl."), result::toString);
    }

    @Test
    void helpAndVersionWork() {
        Cli.Result version = Cli.run(List.of(), "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("acmectl "), version::toString);
        Cli.Result help = Cli.run(List.of(), "issue", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("--webroot"), help::toString);
    }
}
