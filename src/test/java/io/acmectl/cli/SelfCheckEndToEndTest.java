package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.acmectl.acme.AcmeSessions;
import io.acmectl.core.CaServer;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.FaultProxy;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.PebbleServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Status;

/**
 * The self-check before the CA is asked, through the real command line against a Pebble of this class
 * alone, whose log shows every http-01 validation it attempted: a webroot that is not served stops
 * the order before Pebble validates anything (and the order's authorizations are deactivated);
 * {@code --no-self-check} and {@code self-check: false} let the same mistake reach the CA.
 */
class SelfCheckEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    @TempDir
    Path webroot;

    @TempDir
    Path otherSite;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    /** How many times Pebble tried to fetch an http-01 answer from {@code name}. */
    private static long validations(String name) throws Exception {
        return PEBBLE.log().lines().filter(l -> l.contains("Attempting to validate w/ HTTP: http://" + name + ":"))
                .count();
    }

    /** A web server on Pebble's http-01 port that serves another folder than the webroot acmectl writes to. */
    private HttpServer wrongSite() throws Exception {
        return IssueEndToEndTest.serveStatically(otherSite, PEBBLE.httpPort());
    }

    @Test
    void aWebrootThatIsNotServedStopsTheOrderBeforeTheCaIsAskedAndDeactivatesItsAuthorizations() throws Exception {
        String name = "unserved.example.test";
        HttpServer site = wrongSite();
        try (FaultProxy proxy = FaultProxy.start(PEBBLE, store)) {
            Cli.Result result = Cli.run(proxy.options(store), "issue", name, "www." + name, "--webroot", webroot.toString(),
                    "--agree-tos");
            assertEquals(5, result.exitCode(), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
            String expected = "webroot " + webroot.toRealPath() + " is not served at http://";
            assertTrue(result.err().contains(expected), result::toString);
            assertTrue(result.err().contains(":" + PEBBLE.httpPort() + "/.well-known/acme-challenge/"), result::toString);
            assertTrue(result.err().contains(": got 404"), result::toString);
            assertEquals(0, validations(name), "Pebble was asked to validate");
            assertEquals(0, validations("www." + name), "Pebble was asked to validate");
            assertFalse(Files.exists(store.resolve("live/" + name)));
            // Both authorizations were left pending by the stopped order: they are deactivated now.
            Set<String> paths = proxy.seen("/authZ/").stream().map(FaultProxy.Seen::path).collect(Collectors.toSet());
            assertEquals(2, paths.size(), paths::toString);
            Login login = login(proxy);
            for (String path : paths) {
                Authorization authorization = login.bindAuthorization(proxy.directory().resolve(path).toURL());
                authorization.fetch();
                assertEquals(Status.DEACTIVATED, authorization.getStatus(), path);
            }
        } finally {
            site.stop(0);
        }
    }

    @Test
    void noSelfCheckLetsTheSameMistakeReachTheCa() throws Exception {
        String name = "unchecked.example.test";
        HttpServer site = wrongSite();
        try {
            Cli.Result result = acmectl("--no-self-check", "issue", name, "--webroot", webroot.toString(), "--agree-tos");
            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.err().contains("validation of " + name + " by http-01 failed"), result::toString);
            assertTrue(validations(name) > 0, "Pebble was not asked to validate");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void selfCheckFalseInTheWantListLetsItReachTheCaToo() throws Exception {
        String name = "unchecked-wanted.example.test";
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                self-check: false
                defaults:
                  agree-tos: true
                certificates:
                  - name: unchecked-wanted
                    domains: [NAME]
                    challenge: { webroot: ROOT }
                """.replace("NAME", name).replace("ROOT", webroot.toString()));
        HttpServer site = wrongSite();
        try {
            Cli.Result result = acmectl("--want", want.toString(), "issue", "--all");
            assertEquals(1, result.exitCode(), result::toString);
            long first = validations(name);
            assertTrue(first > 0, "Pebble was not asked to validate");
            // The next run reads the want list from the store's cache: the key holds there too.
            Cli.Result again = acmectl("--want", want.toString(), "issue", "--all");
            assertEquals(1, again.exitCode(), again::toString);
            assertTrue(validations(name) > first, "the cached want list lost self-check: false");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void aServedWebrootPassesTheSelfCheck() throws Exception {
        String name = "served.example.test";
        HttpServer site = IssueEndToEndTest.serveStatically(webroot, PEBBLE.httpPort());
        try {
            Cli.Result result = acmectl("issue", name, "--webroot", webroot.toString(), "--agree-tos");
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(validations(name) > 0, "Pebble validates after the self-check"); // from 3 perspectives
        } finally {
            site.stop(0);
        }
    }

    @Test
    void theWantListsChecksApplyAndTheCommandLineGoesOverThem() throws Exception {
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                ca-validation-ports: [1, 2]
                self-check-resolver: "127.0.0.1:NOBODY"
                defaults:
                  agree-tos: true
                certificates:
                  - name: layered
                    domains: [layered.example.test]
                    challenge: { webroot: ROOT }
                """.replace("NOBODY", Integer.toString(LoopbackPorts.freePort()))
                .replace("ROOT", webroot.toString()));
        HttpServer site = IssueEndToEndTest.serveStatically(webroot, PEBBLE.httpPort());
        try {
            // Without the command line's checks, the want list's resolver (where nobody answers) is asked.
            List<String> bare = List.of("--config-dir", store.toString(), "--server", PEBBLE.directory().toString(),
                    "--ca-bundle", PEBBLE.caBundle().toString());
            Cli.Result alone = Cli.run(bare, "--want", want.toString(), "issue", "--all");
            assertEquals(1, alone.exitCode(), alone::toString);
            assertTrue(alone.out().contains("could not be resolved by the DNS server 127.0.0.1:"), alone::toString);
            assertEquals(0, validations("layered.example.test"), "Pebble was asked to validate");
            // The command line's ports and resolver go over the want list's.
            Cli.Result over = acmectl("--want", want.toString(), "issue", "--all");
            assertEquals(0, over.exitCode(), over::toString);
        } finally {
            site.stop(0);
        }
    }

    @Test
    void aTlsAlpnListenerOnAnotherPortThanTheCaValidatesOnIsCaught() throws Exception {
        int wrongPort = LoopbackPorts.freePort();
        String name = "alpn-wrong-port.example.test";
        Cli.Result result = acmectl("issue", name, "--tls-alpn", "--tls-port", Integer.toString(wrongPort),
                "--tls-address", "127.0.0.1", "--agree-tos");
        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("tls-alpn-01 answer of acmectl's listener on 127.0.0.1:" + wrongPort
                + " is not served at tls://" + name + ":" + PEBBLE.tlsPort() + " (SNI " + name + ", ALPN acme-tls/1)"),
                result::toString);
        assertTrue(result.err().contains("got connection refused by " + name + ":" + PEBBLE.tlsPort()),
                result::toString);
    }

    @Test
    void aTlsAlpnListenerOnThePortTheCaValidatesOnPasses() throws Exception {
        String name = "alpn-right-port.example.test";
        Cli.Result result = acmectl("issue", name, "--tls-alpn", "--tls-port", Integer.toString(PEBBLE.tlsPort()),
                "--tls-address", "127.0.0.1", "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
    }

    private Login login(FaultProxy proxy) throws Exception {
        Path folder = Accounts.only(store, "localhost_" + proxy.directory().getPort());
        KeyPair key = Pem.readKeyPair(Files.readString(folder.resolve("account.key")), "account");
        String url = Files.readString(folder.resolve("account.json")).replaceAll("(?s).*\"url\" : \"([^\"]+)\".*", "$1");
        return new AcmeSessions(proxy.caBundle()).open(CaServer.resolve(proxy.directory().toString()))
                .login(URI.create(url).toURL(), key);
    }
}
