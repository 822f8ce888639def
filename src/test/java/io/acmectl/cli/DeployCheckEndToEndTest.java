package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import io.acmectl.testing.PemTlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * verify: { tls: HOST:PORT } against a TLS server of the test's own that reads the PEM files its
 * deploy hook copies (a reload), and one whose hook copies nothing (it keeps the old certificate).
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class DeployCheckEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();
    private static final String COPY = "cp \"$ACMECTL_FULLCHAIN_PATH\" \"$ACMECTL_KEY_PATH\" SERVED/";

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        List<String> options = Stream.concat(PEBBLE.options(store).stream(),
                Stream.of("--want", store.resolve("want.yaml").toString())).toList();
        return Cli.run(options, args);
    }

    private void want(String deployHook, String verifyAddress) throws Exception {
        Files.writeString(store.resolve("want.yaml"), """
                defaults:
                  agree-tos: true
                  challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                certificates:
                  - name: web.example.test
                    domains: [web.example.test]
                    hooks: { deploy: ['DEPLOY'] }
                    verify: { tls: "VERIFY" }
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())).replace("DEPLOY", deployHook)
                .replace("VERIFY", verifyAddress));
    }

    private String serial() throws Exception {
        return Metadata.of(store, "web.example.test").get("serial").asText();
    }

    @Test
    void aServerThatReloadsPassesAndOneThatKeepsTheOldCertificateFailsWithExitSeven() throws Exception {
        Path served = store.resolve("served");
        try (PemTlsServer server = PemTlsServer.serving(served)) {
            want(COPY.replace("SERVED", served.toString()), server.address());
            Cli.Result issued = acmectl("issue", "--all");
            assertEquals(0, issued.exitCode(), issued::toString);
            assertTrue(issued.out().contains("issued 1"), issued::toString);
            assertEquals(server.address(), Metadata.of(store, "web.example.test").get("settings").get("verify")
                    .get("tls").asText(), "kept with the lineage, so renewals check too");

            want("true", server.address()); // the hook "reloads" nothing now
            String old = serial();
            Cli.Result renewed = acmectl("renew", "--all", "--force", "--no-random-sleep");
            assertEquals(7, renewed.exitCode(), renewed::toString);
            assertTrue(renewed.out().contains("web.example.test         renewed, unchecked"), renewed::toString);
            assertTrue(renewed.out().contains("but the deploy check failed: " + server.address()
                    + " (SNI web.example.test) presents serial " + old + ", not the new certificate's " + serial()),
                    renewed::toString);
            assertTrue(renewed.out().contains("deploy check failed 1"), renewed::toString);
            assertEquals(2, Metadata.of(store, "web.example.test").get("version").asInt(), "it stays installed");
            assertEquals(store.resolve("archive/web.example.test/cert2.pem").toRealPath(),
                    store.resolve("live/web.example.test/cert.pem").toRealPath());

            Cli.Result quiet = acmectl("-q", "renew", "--all", "--force", "--no-random-sleep");
            assertEquals(7, quiet.exitCode(), quiet::toString);
            assertEquals("", quiet.out(), quiet::toString);
            assertTrue(quiet.err().contains("web.example.test: installed, valid until "), "-q still says why: "
                    + quiet);
            Cli.Result json = acmectl("--json", "renew", "--all", "--force", "--no-random-sleep");
            assertEquals(7, json.exitCode(), json::toString);
            com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.out());
            assertEquals(1, document.get("summary").get("unverified").asInt(), json::toString);
            assertEquals("unverified", document.get("certificates").get(0).get("outcome").asText(), json::toString);
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsTheCheckOfAnIssue() throws Exception {
        String nobody = "127.0.0.1:" + LoopbackPorts.freePort();
        want("true", nobody);
        Cli.Result issued = acmectl("issue", "--all");
        assertEquals(7, issued.exitCode(), issued::toString);
        assertTrue(issued.out().contains(nobody + " (SNI web.example.test) could not be asked: "), issued::toString);
        assertTrue(Files.isRegularFile(store.resolve("live/web.example.test/fullchain.pem")));

        // issue on the command line has no verify option: the lineage's check stays, and runs.
        Cli.Result again = acmectl("issue", "web.example.test", "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--force");
        assertEquals(7, again.exitCode(), again::toString);
        assertTrue(again.out().startsWith("Issued certificate web.example.test"), again::toString);
        assertTrue(again.err().contains("acmectl: error: deploy check failed: " + nobody), again::toString);
        assertEquals(2, Metadata.of(store, "web.example.test").get("version").asInt());
    }
}
