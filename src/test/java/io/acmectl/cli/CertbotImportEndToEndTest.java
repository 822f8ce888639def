package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.acmectl.config.WantListLoader;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.WantList;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import io.acmectl.testing.RequiredTool;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code import certbot} against a store the real certbot (Debian's package) made from Pebble: one
 * certificate by webroot with a deploy hook, one standalone, of different key types. Then acmectl lists
 * them as certbot left them, serves the same files, renews both with certbot's account, and deletes one.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // certbot and acmectl bind Pebble's http-01 port
class CertbotImportEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();
    static final String WEBROOT_CERT = "wr.example.test";
    static final String STANDALONE_CERT = "sa.example.test";
    static final List<String> PARTS = List.of("cert.pem", "chain.pem", "fullchain.pem", "privkey.pem");

    @TempDir
    static Path certbotHome;
    static Path letsencrypt;
    static Path webroot;
    static Path deployLog;
    static String accountUrl;

    @TempDir
    Path store;

    @BeforeAll
    static void certbotIssuesTwoCertificates() throws Exception {
        letsencrypt = certbotHome.resolve("letsencrypt");
        webroot = Files.createDirectories(certbotHome.resolve("www"));
        deployLog = certbotHome.resolve("deploy.log");
        certbot("register", "--agree-tos", "--register-unsafely-without-email");
        certbot("certonly", "--standalone", "--http-01-address", "127.0.0.1", "--http-01-port",
                Integer.toString(PEBBLE.httpPort()), "-d", STANDALONE_CERT, "--key-type", "rsa", "--rsa-key-size", "3072");
        HttpServer web = serve(webroot);
        try {
            certbot("certonly", "--webroot", "-w", webroot.toString(), "-d", WEBROOT_CERT, "-d", "www." + WEBROOT_CERT,
                    "--key-type", "ecdsa", "--elliptic-curve", "secp384r1",
                    "--deploy-hook", "echo deployed $RENEWED_LINEAGE >> " + deployLog);
        } finally {
            web.stop(0);
        }
        try (Stream<Path> regr = Files.walk(letsencrypt.resolve("accounts"))) {
            Path file = regr.filter(p -> p.getFileName().toString().equals("regr.json")).findFirst().orElseThrow();
            accountUrl = new ObjectMapper().readTree(file.toFile()).get("uri").asText();
        }
        assertEquals(List.of("deployed " + letsencrypt.resolve("live").resolve(WEBROOT_CERT)),
                Files.readAllLines(deployLog));
    }

    /** certbot as the bench runs it: its own folders, trusting Pebble's TLS through requests' bundle. */
    private static void certbot(String... args) throws Exception {
        String binary = RequiredTool.onPath("certbot", "the import test makes its store with the real certbot",
                "certbot").toString();
        List<String> command = new ArrayList<>(List.of(binary, "--config-dir", letsencrypt.toString(),
                "--work-dir", certbotHome.resolve("work").toString(), "--logs-dir", certbotHome.resolve("logs").toString(),
                "--non-interactive", "--server", PEBBLE.directory().toString()));
        command.addAll(List.of(args));
        Path output = certbotHome.resolve("certbot.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("REQUESTS_CA_BUNDLE", PEBBLE.caBundle().toString());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            Assertions.fail("certbot " + String.join(" ", args) + " did not end within 3 minutes");
        }
        assertEquals(0, process.exitValue(), () -> "certbot " + String.join(" ", args) + ":\n" + read(output));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** A web server for a webroot, on Pebble's http-01 port: what nginx would be. */
    private static HttpServer serve(Path root) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PEBBLE.httpPort()), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            byte[] body = file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private Cli.Result imported() {
        Cli.Result result = acmectl("import", "certbot", letsencrypt.toString());
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    private static X509Certificate certbotCertificate(String name) throws Exception {
        return Pem.readCertificates(Files.readString(letsencrypt.resolve("live").resolve(name).resolve("cert.pem")),
                "certbot's cert.pem").get(0);
    }

    @Test
    void theImportServesWhatCertbotServedAndListsItAsCertbotLeftIt() throws Exception {
        Cli.Result result = imported();
        assertEquals("", result.err(), "certbot 2's settings all carry over");
        for (String name : List.of(WEBROOT_CERT, STANDALONE_CERT)) {
            for (String part : PARTS) {
                assertArrayEquals(Files.readAllBytes(letsencrypt.resolve("live").resolve(name).resolve(part)),
                        Files.readAllBytes(store.resolve("live").resolve(name).resolve(part)), name + " " + part);
            }
        }
        Cli.Result listing = acmectl("certificates");
        assertEquals(0, listing.exitCode(), listing::toString);
        assertEquals("", listing.err(), "the want list names both");
        for (String name : List.of(WEBROOT_CERT, STANDALONE_CERT)) {
            String expiry = certbotCertificate(name).getNotAfter().toInstant().toString();
            assertTrue(listing.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(expiry)),
                    listing::toString);
        }
        assertTrue(listing.out().lines().anyMatch(l -> l.startsWith(STANDALONE_CERT) && l.contains("rsa3072")));
        assertTrue(listing.out().lines().anyMatch(l -> l.startsWith(WEBROOT_CERT) && l.contains("ec384")));

        WantList want = WantListLoader.load(store.resolve("want.yaml"), PEBBLE.directory().toString());
        assertEquals(List.of(), want.rejected(), Files.readString(store.resolve("want.yaml")));
        Map<String, WantList.Wanted> byName = new java.util.HashMap<>();
        want.certificates().forEach(w -> byName.put(w.name().value(), w));
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Webroot(webroot)), byName.get(WEBROOT_CERT).spec().challenges());
        assertEquals(List.of("echo deployed $RENEWED_LINEAGE >> " + deployLog),
                byName.get(WEBROOT_CERT).spec().hooks().deploy());
        assertEquals(List.of(WEBROOT_CERT, "www." + WEBROOT_CERT), byName.get(WEBROOT_CERT).spec().domains());
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Standalone(PEBBLE.httpPort(), "127.0.0.1")),
                byName.get(STANDALONE_CERT).spec().challenges());
        assertEquals(KeyType.RSA3072, byName.get(STANDALONE_CERT).spec().key().type());
        assertEquals(PEBBLE.directory(), byName.get(STANDALONE_CERT).spec().server().directory());
    }

    @Test
    void aSecondImportIsRefusedUnlessForced() throws Exception {
        imported();
        String serial = Metadata.of(store, WEBROOT_CERT).get("serial").asText();
        Cli.Result again = acmectl("import", "certbot", letsencrypt.toString());
        assertEquals(2, again.exitCode(), again::toString);
        assertEquals("acmectl: error: certificate " + STANDALONE_CERT + " is in " + store + " already: nothing was "
                + "imported (--force replaces it)\n", again.err());
        Cli.Result forced = acmectl("import", "certbot", letsencrypt.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(serial, Metadata.of(store, WEBROOT_CERT).get("serial").asText());
        assertEquals(1, Metadata.of(store, WEBROOT_CERT).get("version").asInt(), "replaced, not added to");
        Cli.Result intoItself = Cli.run(List.of("--config-dir", letsencrypt.toString()), "import", "certbot",
                letsencrypt.toString());
        assertEquals(2, intoItself.exitCode(), intoItself::toString);
        assertTrue(intoItself.err().contains("is this acmectl store itself"), intoItself::toString);
        assertFalse(Files.exists(letsencrypt.resolve("want.yaml")), "nothing written into certbot's folder");
        Cli.Result notCertbot = acmectl("import", "certbot", store.resolve("live").toString());
        assertEquals(2, notCertbot.exitCode(), notCertbot::toString);
        assertEquals("acmectl: error: " + store.resolve("live") + " is not a certbot configuration directory: it "
                + "holds neither renewal/ nor accounts/\n", notCertbot.err());
    }

    @Test
    void theImportedAccountRenewsBothWithoutRegisteringAgain() throws Exception {
        imported();
        long registrations = PEBBLE.log().lines().filter(l -> l.contains("POST /sign-me-up")).count();
        long orders = PEBBLE.log().lines().filter(l -> l.contains("POST /order-plz")).count();
        Cli.Result issueAll = acmectl("issue", "--all");
        assertEquals(0, issueAll.exitCode(), issueAll::toString);
        assertEquals(orders, PEBBLE.log().lines().filter(l -> l.contains("POST /order-plz")).count(),
                "the want list asks for what the store holds: nothing is ordered\n" + issueAll);
        HttpServer web = serve(webroot);
        Cli.Result webrootRenewal;
        try {
            webrootRenewal = acmectl("renew", "--cert-name", WEBROOT_CERT, "--force");
        } finally {
            web.stop(0);
        }
        assertEquals(0, webrootRenewal.exitCode(), webrootRenewal::toString);
        Cli.Result standaloneRenewal = acmectl("renew", "--cert-name", STANDALONE_CERT, "--force");
        assertEquals(0, standaloneRenewal.exitCode(), standaloneRenewal::toString);

        assertEquals(registrations, PEBBLE.log().lines().filter(l -> l.contains("POST /sign-me-up")).count(),
                "no account was registered");
        for (String name : List.of(WEBROOT_CERT, STANDALONE_CERT)) {
            assertEquals(accountUrl, Metadata.of(store, name).at("/settings/account").asText(), name);
            assertEquals(2, Metadata.of(store, name).get("version").asInt(), name);
            assertNotEquals(certbotCertificate(name).getSerialNumber().toString(16),
                    Metadata.of(store, name).get("serial").asText(), name);
        }
        assertEquals(List.of("deployed " + letsencrypt.resolve("live").resolve(WEBROOT_CERT),
                "deployed " + store.resolve("live").resolve(WEBROOT_CERT)), Files.readAllLines(deployLog));
    }

    @Test
    void deleteAsksRemovesTheLineageAndCertificatesWarnsAboutWhatTheWantListNoLongerNames() throws Exception {
        imported();
        Path wantFile = store.resolve("want.yaml");
        String want = Files.readString(wantFile);
        int from = want.indexOf("  - name: \"" + STANDALONE_CERT + "\"");
        int to = want.indexOf("  - name: \"" + WEBROOT_CERT + "\"");
        assertTrue(from > 0 && to > from, want);
        Files.writeString(wantFile, want.substring(0, from) + want.substring(to));

        Cli.Result listing = acmectl("certificates");
        assertEquals(0, listing.exitCode(), listing::toString);
        assertEquals("acmectl: warning: certificate " + STANDALONE_CERT + " is not in the want list " + wantFile
                + " (renew --all still renews it; acmectl delete --cert-name " + STANDALONE_CERT + " removes it)\n",
                listing.err());

        Cli.Result unconfirmed = acmectl("delete", "--cert-name", STANDALONE_CERT);
        assertEquals(2, unconfirmed.exitCode(), unconfirmed::toString);
        assertTrue(unconfirmed.err().contains("pass --yes"), unconfirmed::toString);
        assertTrue(Files.isRegularFile(store.resolve("live").resolve(STANDALONE_CERT).resolve("cert.pem")));

        Cli.Result deleted = acmectl("delete", "--cert-name", STANDALONE_CERT, "--yes");
        assertEquals(0, deleted.exitCode(), deleted::toString);
        assertEquals("", deleted.err());
        for (Path gone : List.of(store.resolve("live").resolve(STANDALONE_CERT),
                store.resolve("archive").resolve(STANDALONE_CERT), Metadata.file(store, STANDALONE_CERT))) {
            assertFalse(Files.exists(gone, LinkOption.NOFOLLOW_LINKS), gone::toString);
        }
        Cli.Result after = acmectl("certificates");
        assertEquals("", after.err(), after::toString);
        assertFalse(after.out().contains(STANDALONE_CERT), after::toString);
        assertTrue(after.out().contains(WEBROOT_CERT), after::toString);

        Cli.Result unknown = acmectl("delete", "--cert-name", STANDALONE_CERT, "--yes");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals("acmectl: error: no certificate named '" + STANDALONE_CERT + "' in " + store + "\n", unknown.err());

        Cli.Result stillWanted = acmectl("delete", "--cert-name", WEBROOT_CERT, "--yes");
        assertEquals(0, stillWanted.exitCode(), stillWanted::toString);
        assertEquals("acmectl: warning: " + wantFile + " still names " + WEBROOT_CERT + ": issue --all gets it "
                + "again; take its entry out\n", stillWanted.err());
    }
}
