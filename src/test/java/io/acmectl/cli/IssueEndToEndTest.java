package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.Pem;
import com.fasterxml.jackson.databind.JsonNode;
import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** register and issue through the real command line against a real Pebble. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class IssueEndToEndTest {
    // Pebble's default 5% nonce rejection stays on here: acme4j's badNonce retry must carry us through.
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().nonceRejectPercent(5).build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private String standalone() {
        return Integer.toString(PEBBLE.httpPort());
    }

    @Test
    void registerCreatesOneAccountAndIsHarmlessTheSecondTime() throws Exception {
        Cli.Result first = acmectl("register", "--agree-tos", "-m", "admin@example.com");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().startsWith("Registered account https://localhost:"), first::toString);

        Cli.Result second = acmectl("register", "--agree-tos");
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("Already registered"), second::toString);

        Path account = Accounts.only(store, Accounts.serverId(PEBBLE));
        assertEquals("rw-------", mode(account.resolve("account.key")));
        assertEquals("rwx------", mode(account));
        assertTrue(Files.readString(account.resolve("account.json")).contains("admin@example.com"));
    }

    @Test
    void registerWithoutAgreeingToTheTermsNamesThemAndCreatesNothing() throws Exception {
        Cli.Result result = acmectl("register");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("terms of service at data:"), result::toString);
        assertTrue(result.err().contains("--agree-tos"), result::toString);
        assertEquals(List.of(), Accounts.in(store, Accounts.serverId(PEBBLE)));
    }

    @Test
    void issueWithStandaloneWritesAVerifiedLineage() throws Exception {
        Cli.Result result = acmectl("issue", "one.example.test", "www.one.example.test", "--standalone",
                "--http-port", standalone(), "--http-address", "127.0.0.1", "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("Issued certificate one.example.test"), result::toString);

        Path live = store.resolve("live/one.example.test");
        X509Certificate leaf = Pem.readCertificates(Files.readString(live.resolve("cert.pem")), "cert").get(0);
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(live.resolve("chain.pem")), "chain");
        List<X509Certificate> fullchain = Pem.readCertificates(Files.readString(live.resolve("fullchain.pem")), "fc");
        KeyPair key = Pem.readKeyPair(Files.readString(live.resolve("privkey.pem")), "privkey");

        assertEquals(leaf, fullchain.get(0));
        assertEquals(chain, fullchain.subList(1, fullchain.size()));
        assertEquals(null, CertificateCheck.problem(leaf, key, List.of("one.example.test", "www.one.example.test")));
        assertChainVerifiesToPebbleRoot(fullchain);

        assertEquals("rw-------", mode(live.resolve("privkey.pem")));
        assertEquals("rw-r--r--", mode(live.resolve("cert.pem")));
        for (String folder : List.of("live", "live/one.example.test", "archive", "archive/one.example.test")) {
            assertEquals("rwx------", mode(store.resolve(folder)), folder);
        }
        assertEquals(store.resolve("archive/one.example.test/privkey1.pem").toRealPath(),
                live.resolve("privkey.pem").toRealPath());
        JsonNode metadata = Metadata.of(store, "one.example.test");
        assertEquals(PEBBLE.httpPort(), metadata.at("/settings/challenge/port").asInt(), metadata::toString);
        assertEquals("ec256", metadata.at("/settings/key/type").asText(), metadata::toString);
        assertTrue(metadata.at("/settings/account").asText().startsWith("https://localhost:"), metadata::toString);
    }

    @Test
    void aDeployHookRunsRightAfterTheIssuanceAndIsKeptForRenewals() throws Exception {
        Path log = store.resolve("deploy.log");
        String hook = "printf '%s %s\\n' \"$ACMECTL_CERT_NAME\" \"$RENEWED_LINEAGE\" >> " + log;
        Cli.Result result = acmectl("issue", "hooked.example.test", "--standalone", "--http-port", standalone(),
                "--agree-tos", "--deploy-hook", hook);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("hooked.example.test " + store.resolve("live/hooked.example.test")),
                Files.readAllLines(log), result::toString);
        assertEquals(hook, Metadata.of(store, "hooked.example.test").at("/settings/hooks/deploy/0").asText());

        Cli.Result unchanged = acmectl("issue", "hooked.example.test", "--standalone", "--http-port", standalone());
        assertEquals(0, unchanged.exitCode(), unchanged::toString);
        assertEquals(1, Files.readAllLines(log).size(), "nothing issued, nothing deployed");
    }

    @Test
    void issuingAgainIsANoOpUnlessForced() throws Exception {
        String[] issue = {"issue", "again.example.test", "--standalone", "--http-port", standalone(), "--agree-tos",
            "--key-type", "rsa2048"};
        assertEquals(0, acmectl(issue).exitCode());
        Path cert = store.resolve("live/again.example.test/cert.pem");
        String first = Files.readString(cert);

        Cli.Result second = acmectl(issue);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("nothing to do"), second::toString);
        assertEquals(first, Files.readString(cert));
        assertFalse(Files.exists(store.resolve("archive/again.example.test/cert2.pem")));

        String[] forced = Stream.concat(Stream.of(issue), Stream.of("--force")).toArray(String[]::new);
        Cli.Result third = acmectl(forced);
        assertEquals(0, third.exitCode(), third::toString);
        assertNotEquals(first, Files.readString(cert));
        assertEquals(store.resolve("archive/again.example.test/cert2.pem").toRealPath(), cert.toRealPath());
        assertEquals("RSA", Pem.readKeyPair(Files.readString(store.resolve("live/again.example.test/privkey.pem")),
                "key").getPrivate().getAlgorithm());
    }

    @Test
    void issueWithWebrootAnswersThroughTheSiteAndCleansUp(@TempDir Path webroot) throws Exception {
        HttpServer site = serveStatically(webroot, PEBBLE.httpPort());
        try {
            Cli.Result result = acmectl("issue", "site.example.test", "--webroot", webroot.toString(), "--agree-tos",
                    "--cert-name", "site");
            assertEquals(0, result.exitCode(), result::toString);
        } finally {
            site.stop(0);
        }
        assertTrue(Files.isRegularFile(store.resolve("live/site/fullchain.pem")));
        try (Stream<Path> left = Files.list(webroot.resolve(".well-known/acme-challenge"))) {
            assertEquals(List.of(), left.toList(), "challenge answers must be removed");
        }
        assertEquals(webroot.toString(), Metadata.of(store, "site").at("/settings/challenge/webroot").asText());
    }

    @Test
    void aFailedValidationLeavesTheStoreAsItWas() throws Exception {
        // Nobody answers on pebble's http-01 port: the CA's validation must fail (the self-check, which
        // would stop it first, is off: this is about the CA's refusal).
        Cli.Result result = acmectl("--no-self-check", "issue", "nobody.example.test", "--webroot",
                store.resolve("..").toString(), "--agree-tos");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("validation of nobody.example.test by http-01 failed"), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertFalse(Files.exists(store.resolve("live/nobody.example.test")));
        assertFalse(Files.exists(store.resolve("archive/nobody.example.test")));
        assertFalse(Files.exists(Metadata.file(store, "nobody.example.test")));
    }

    private static void assertChainVerifiesToPebbleRoot(List<X509Certificate> fullchain) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(PEBBLE.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(fullchain), parameters);
    }

    static HttpServer serveStatically(Path root, int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
