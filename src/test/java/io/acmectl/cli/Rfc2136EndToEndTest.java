package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.BindServer;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dns-01 by RFC 2136 end to end: acmectl updates a real BIND with TSIG-signed messages, checks that
 * every name server of the zone answers, and Pebble's validator looks the TXT records up in that same
 * BIND. Name servers listen on loopback ports, so {@code --dns-nameserver} maps their names, and
 * {@code --dns-resolver} asks BIND for zones, NS records and CNAMEs.
 */
class Rfc2136EndToEndTest {
    @RegisterExtension
    @Order(1)
    static final BindServer BIND = BindServer.builder()
            .zone("example.test", "* A 127.0.0.1",
                    "_acme-challenge.www CNAME _acme-challenge.www.acme-delegated.test.")
            .zone("acme-delegated.test")
            // a second name server, which never gets the records (pebble-challtestsrv stands for it)
            .zone("lagging.test", "@ NS ns2", "ns2 A 127.0.0.1", "* A 127.0.0.1")
            .build();

    @RegisterExtension
    @Order(2)
    static final PebbleServer PEBBLE = PebbleServer.builder().dnsServer(BIND::port)
            .env("PEBBLE_AUTHZREUSE", "0").build(); // a renewal proves control again

    @TempDir
    Path store;

    private List<String> global() {
        List<String> global = new ArrayList<>(PEBBLE.options(store));
        global.addAll(List.of("--dns-resolver", BIND.address()));
        for (String zone : List.of("example.test", "acme-delegated.test", "lagging.test")) {
            global.addAll(List.of("--dns-nameserver", "ns1." + zone + "=" + BIND.address()));
        }
        return global;
    }

    private Cli.Result issue(Path secretFile, String... args) {
        List<String> all = new ArrayList<>(List.of("issue"));
        all.addAll(List.of(args));
        all.addAll(List.of("--rfc2136-server", BIND.address(), "--rfc2136-key-name", BIND.key().name(),
                "--rfc2136-secret-file", secretFile.toString(), "--agree-tos"));
        return Cli.run(global(), all.toArray(String[]::new));
    }

    private Path secret() throws Exception {
        return BindServer.secretFile(store, BIND.key());
    }

    private X509Certificate leaf(String lineage) throws Exception {
        return Pem.readCertificates(Files.readString(store.resolve("live/" + lineage + "/cert.pem")), "cert").get(0);
    }

    private static Set<String> dnsNames(X509Certificate leaf) throws Exception {
        Set<String> names = new TreeSet<>();
        leaf.getSubjectAlternativeNames().forEach(san -> names.add((String) san.get(1)));
        return names;
    }

    private String onlyLineage() throws Exception {
        try (var live = Files.list(store.resolve("live"))) {
            List<Path> lineages = live.toList();
            assertEquals(1, lineages.size(), lineages::toString);
            return lineages.get(0).getFileName().toString();
        }
    }

    /** How many TXT values named added at this name (its log names every update it applies). */
    private static long added(String zone, String name) throws Exception {
        String line = "updating zone '" + zone + "/IN': adding an RR at '" + name + "' TXT";
        return BIND.log().lines().filter(l -> l.contains(line)).count();
    }

    @Test
    void aWildcardAndItsBaseNameAreProvenByTwoValuesAtOnceAndBothAreRemoved() throws Exception {
        String base = "wild.example.test";
        Cli.Result result = issue(secret(), "*." + base, base);
        assertEquals(0, result.exitCode(), result::toString);
        String lineage = onlyLineage();
        assertEquals(Set.of("*." + base, base), dnsNames(leaf(lineage)));
        assertEquals(2, added("example.test", "_acme-challenge." + base), BIND::log);
        // both values were there at once: named added both before it deleted either
        List<String> updates = BIND.log().lines().filter(l -> l.contains("an RR at '_acme-challenge." + base + "'")
                || l.contains("an RR at _acme-challenge." + base + " ")).toList();
        assertTrue(updates.get(0).contains("adding") && updates.get(1).contains("adding")
                && updates.get(2).contains("deleting"), updates::toString);
        assertEquals(List.of(), BIND.txt("_acme-challenge." + base + "."));
        assertEquals(BIND.address(), Metadata.of(store, lineage).at("/settings/challenge/dns/rfc2136/server").asText());

        // the stored publisher serves a renewal, with the same secret file
        Cli.Result renewed = Cli.run(global(), "renew", "--cert-name", lineage, "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        // Pebble 2.4 may reuse one of the two authorizations of this account even when told not to
        assertTrue(added("example.test", "_acme-challenge." + base) >= 3, BIND::log);
        assertEquals(List.of(), BIND.txt("_acme-challenge." + base + "."));
    }

    @Test
    void aCnameDelegationIsUpdatedInTheZoneItPointsTo() throws Exception {
        Cli.Result result = issue(secret(), "www.example.test");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Set.of("www.example.test"), dnsNames(leaf("www.example.test")));
        assertEquals(1, added("acme-delegated.test", "_acme-challenge.www.acme-delegated.test"), BIND::log);
        assertEquals(0, added("example.test", "_acme-challenge.www.example.test"), BIND::log);
        assertEquals(List.of(), BIND.txt("_acme-challenge.www.acme-delegated.test."));
    }

    @Test
    void aWrongSecretIsOneLineNamingTheServerAndTheTsigErrorAndNothingIsValidated() throws Exception {
        Path wrong = store.resolve("wrong.key");
        String secret = Base64.getEncoder().encodeToString("thirty-two bytes, not the key's!".getBytes());
        Files.writeString(wrong, secret + "\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        Cli.Result result = issue(wrong, "wrong.example.test");
        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("RFC 2136 server " + BIND.address()), result::toString);
        assertTrue(result.err().contains("_acme-challenge.wrong.example.test."), result::toString);
        assertTrue(result.err().contains("NOTAUTH BADSIG"), result::toString);
        assertFalse(result.toString().contains(secret) || result.toString().contains(BIND.key().secret()),
                result::toString);
        assertTrue(BIND.log().contains("tsig verify failure (BADSIG)"), BIND::log);
        assertEquals(0, added("example.test", "_acme-challenge.wrong.example.test"), BIND::log);
        assertTrue(Files.notExists(store.resolve("live/wrong.example.test")));
    }

    @Test
    void aLaggingNameServerIsNamedAfterThePropagationTimeoutAndTheRecordIsRemoved() throws Exception {
        String name = "a.lagging.test";
        String lagging = "127.0.0.1:" + PEBBLE.dnsPort();
        List<String> args = new ArrayList<>(global());
        args.addAll(List.of("--dns-nameserver", "ns2.lagging.test=" + lagging, "--dns-propagation-timeout", "2",
                "issue", name, "--rfc2136-server", BIND.address(), "--rfc2136-key-name", BIND.key().name(),
                "--rfc2136-secret-file", secret().toString(), "--agree-tos"));
        Cli.Result result = Cli.run(args);
        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("ns2.lagging.test. (" + lagging + ")"), result::toString);
        assertTrue(result.err().contains("_acme-challenge." + name + "."), result::toString);
        assertFalse(result.err().contains("ns1.lagging.test"), result::toString);
        // it was there on ns1 (BIND), and is gone again
        assertEquals(1, added("lagging.test", "_acme-challenge." + name), BIND::log);
        assertEquals(List.of(), BIND.txt("_acme-challenge." + name + "."));
        assertTrue(Files.notExists(store.resolve("live/" + name)));
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedBeforeTheCaIsAsked() throws Exception {
        Path file = secret();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result result = issue(file, "open.example.test");
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains(file.toString()) && result.err().contains("rw-r--r--"), result::toString);
        assertFalse(result.toString().contains(BIND.key().secret()), result::toString);
    }

    @Test
    void aWantListCertificateUpdatesWithItsOwnKeyAndZone() throws Exception {
        BindServer.Key key = BIND.key("hmac-sha512");
        Path secret = BindServer.secretFile(store, key);
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: rfc2136-wanted
                    domains: ["*.wanted.example.test", wanted.example.test]
                    challenge:
                      dns:
                        rfc2136: { server: 127.0.0.1, port: PORT, zone: example.test, key-name: KEY,
                                   algorithm: hmac-sha512, secret-file: SECRET }
                """.replace("PORT", Integer.toString(BIND.port())).replace("KEY", key.name())
                .replace("SECRET", secret.toString()));
        List<String> args = new ArrayList<>(global());
        args.addAll(List.of("--want", want.toString(), "issue", "--all"));
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
        assertEquals(Set.of("*.wanted.example.test", "wanted.example.test"), dnsNames(leaf("rfc2136-wanted")));
        assertTrue(BIND.log().contains("/key " + key.name().substring(0, key.name().length() - 1)
                + ": updating zone 'example.test/IN': adding an RR at '_acme-challenge.wanted.example.test'"),
                BIND::log);
        assertEquals(List.of(), BIND.txt("_acme-challenge.wanted.example.test."));
    }

    @Test
    void theTsigSecretStaysOutOfAVerboseRun() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.acmectl.Main", "--verbose"));
        command.addAll(global());
        command.addAll(List.of("issue", "verbose.example.test", "--rfc2136-server", BIND.address(),
                "--rfc2136-key-name", BIND.key().name(), "--rfc2136-secret-file", secret().toString(), "--agree-tos"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), printed);
        assertEquals(0, process.exitValue(), printed);
        assertTrue(printed.contains("_acme-challenge.verbose.example.test."), printed); // it did log the updates
        String secret = BIND.key().secret();
        byte[] raw = Base64.getDecoder().decode(secret);
        assertFalse(printed.contains(secret) || printed.contains(secret.replace("=", "")), printed);
        assertFalse(printed.contains(java.util.HexFormat.of().formatHex(raw)), printed);
    }
}
