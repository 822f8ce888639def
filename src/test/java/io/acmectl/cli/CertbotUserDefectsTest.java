package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What a certbot user does on day one, each a defect found by trying it (issues 12 and 13), each
 * proven fixed through the real command line against a real Pebble.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class CertbotUserDefectsTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    /** The same Pebble under another directory URL: to acmectl, another CA (as staging and production are). */
    private List<String> otherCa() {
        List<String> options = new java.util.ArrayList<>(List.of("--config-dir", store.toString(), "--server",
                PEBBLE.directory().toString().replace("localhost", "127.0.0.1"), "--ca-bundle",
                PEBBLE.caBundle().toString()));
        options.addAll(PEBBLE.selfCheckOptions());
        return options;
    }

    private String[] standalone(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--agree-tos")).toArray(String[]::new);
    }

    private String serial(String name) throws Exception {
        return Metadata.of(store, name).get("serial").asText();
    }

    private List<String> lineages() throws Exception {
        try (Stream<Path> files = Files.list(store.resolve("renewal"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void renewWithAMistypedConfigDirCreatesNothingAndSaysSo() {
        Path typo = store.resolve("nonexistent").resolve("typo");
        Cli.Result result = Cli.run(List.of("--config-dir", typo.toString(), "--server",
                PEBBLE.directory().toString(), "--ca-bundle", PEBBLE.caBundle().toString()), "renew", "--all",
                "--no-random-sleep");
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("no acmectl store at " + typo), result::toString);
        assertFalse(Files.exists(typo), result::toString);
    }

    @Test
    void issueAllHonoursAgreeTosOnTheCommandLine() throws Exception {
        Files.writeString(store.resolve("want.yaml"), """
                defaults:
                  challenge: { standalone: { port: PORT } }
                certificates:
                  - name: tos
                    domains: [tos.example.test]
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())));
        Cli.Result result = acmectl("--want", store.resolve("want.yaml").toString(), "issue", "--all", "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
    }

    @Test
    void aForcedIssueWithoutTheHookKeepsTheStoredHook() throws Exception {
        Path log = store.resolve("deploy.log");
        String hook = "echo deployed >> " + log;
        assertEquals(0, acmectl(standalone("issue", "keep.example.test", "--deploy-hook", hook)).exitCode());
        Cli.Result forced = acmectl(standalone("issue", "keep.example.test", "--force"));
        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(hook, Metadata.of(store, "keep.example.test").at("/settings/hooks/deploy/0").asText());
        assertEquals(List.of("deployed", "deployed"), Files.readAllLines(log));
    }

    @Test
    void anotherServerOnTheCommandLineIssuesFromIt() throws Exception {
        assertEquals(0, acmectl(standalone("issue", "move.example.test")).exitCode());
        String before = serial("move.example.test");
        Cli.Result moved = Cli.run(otherCa(), standalone("issue", "move.example.test"));
        assertEquals(0, moved.exitCode(), moved::toString);
        assertTrue(moved.out().contains("Issued certificate move.example.test"), moved::toString);
        assertNotEquals(before, serial("move.example.test"));
        assertTrue(Metadata.of(store, "move.example.test").at("/settings/server").asText().contains("127.0.0.1"));
    }

    @Test
    void aServerChangedInTheWantListMovesTheRenewal() throws Exception {
        String want = """
                defaults:
                  agree-tos: true
                  server: SERVER
                  challenge: { standalone: { port: PORT } }
                certificates:
                  - name: wanted
                    domains: [wanted.example.test]
                """.replace("PORT", Integer.toString(PEBBLE.httpPort()));
        Path file = store.resolve("want.yaml");
        Files.writeString(file, want.replace("SERVER", PEBBLE.directory().toString()));
        assertEquals(0, acmectl("--want", file.toString(), "issue", "--all").exitCode());
        String other = PEBBLE.directory().toString().replace("localhost", "127.0.0.1");
        Files.writeString(file, want.replace("SERVER", other));
        Cli.Result renewed = acmectl("--want", file.toString(), "renew", "--all", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        assertEquals(other, Metadata.of(store, "wanted").at("/settings/server").asText());
    }

    @Test
    void theSameNamesInAnotherOrderFindTheirLineage() throws Exception {
        assertEquals(0, acmectl(standalone("issue", "--cert-name", "site", "a.example.test", "b.example.test"))
                .exitCode());
        Cli.Result again = acmectl(standalone("issue", "b.example.test", "a.example.test"));
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("Certificate site is valid"), again::toString);
        assertEquals(List.of("site.json"), lineages());
    }

    @Test
    void aDryRunOrdersWhatIsNotDueStoresNothingAndRunsNoHook() throws Exception {
        Path log = store.resolve("deploy.log");
        assertEquals(0, acmectl(standalone("issue", "dry.example.test", "--deploy-hook", "echo x >> " + log))
                .exitCode());
        JsonNode before = Metadata.of(store, "dry.example.test");
        Cli.Result dry = acmectl("renew", "--all", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("dry run: would be valid until"), dry::toString);
        assertEquals(before, Metadata.of(store, "dry.example.test"));
        assertEquals(1, Files.readAllLines(log).size(), "only the issuance's deploy hook ran");
        assertFalse(Files.exists(store.resolve("archive/dry.example.test/cert2.pem")));

        Cli.Result issueDry = acmectl(standalone("issue", "drier.example.test", "--dry-run"));
        assertEquals(0, issueDry.exitCode(), issueDry::toString);
        assertFalse(Files.exists(Metadata.file(store, "drier.example.test")), issueDry::toString);
    }

    @Test
    void theAccountOptionPicksTheAccountAndAnUnknownOneIsAnError() throws Exception {
        assertEquals(0, acmectl("register", "--agree-tos").exitCode());
        assertEquals(0, acmectl("register", "--agree-tos", "--key-type", "ec384", "--key",
                writeKey().toString()).exitCode());
        List<String> ids = new ArrayList<>();
        try (Stream<Path> servers = Files.list(store.resolve("accounts"));
                Stream<Path> accounts = Files.list(servers.findFirst().orElseThrow())) {
            accounts.forEach(a -> ids.add(a.getFileName().toString()));
        }
        assertEquals(2, ids.size(), ids::toString);
        for (String id : ids) {
            Cli.Result issued = Cli.run(Stream.concat(PEBBLE.options(store).stream(), Stream.of("--account", id))
                    .toList(), standalone("issue", id + ".example.test"));
            assertEquals(0, issued.exitCode(), issued::toString);
            assertTrue(Metadata.of(store, id + ".example.test").at("/settings/account").asText().endsWith("/" + id),
                    () -> id + " " + issued);
        }
        Cli.Result unknown = Cli.run(Stream.concat(PEBBLE.options(store).stream(), Stream.of("--account", "nosuch"))
                .toList(), standalone("issue", "nosuch.example.test"));
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals(1, unknown.err().lines().count(), unknown::toString);
        assertTrue(unknown.err().contains("no account 'nosuch'"), unknown::toString);
    }

    private Path writeKey() throws Exception {
        Path key = store.resolve("other-account.pem");
        Files.writeString(key, io.acmectl.crypto.Pem.keyPair(io.acmectl.core.KeyType.EC384.generate()));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")); // a key others can read is refused
        return key;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnattendedRenewWithNothingDueDoesNotSleep() throws Exception {
        assertEquals(0, acmectl(standalone("issue", "nap.example.test")).exitCode());
        // Not on a terminal (tests never are) and no --no-random-sleep: it used to sleep up to 8 minutes first.
        Cli.Result result = acmectl("renew", "--all");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("not due 1"), result::toString);
        assertFalse(result.out().contains("sleeping"), result::toString);
    }

    @Test
    void aFailedRenewalInformationFetchIsNotRepeatedOnEveryRun() throws Exception {
        assertEquals(0, acmectl(standalone("issue", "ari.example.test")).exitCode());
        // The CA has gone away and the cached answer is due for a refresh.
        Path file = Metadata.file(store, "ari.example.test");
        ObjectMapper json = new ObjectMapper();
        ObjectNode metadata = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) metadata.get("settings")).put("server", "https://127.0.0.1:" + PebbleServer.freePort() + "/dir");
        ((ObjectNode) metadata.get("renewal")).remove("ari-next-check");
        json.writeValue(file.toFile(), metadata);

        Cli.Result result = acmectl("renew", "--all", "--no-random-sleep");
        assertEquals(0, result.exitCode(), result::toString);
        String next = Metadata.of(store, "ari.example.test").at("/renewal/ari-next-check").asText();
        assertFalse(next.isEmpty(), () -> "no next check recorded: " + result);
        assertTrue(Instant.parse(next).isAfter(Instant.now().plusSeconds(30 * 60)), next);
    }

    @Test
    void aDeployThatAKilledRunLeftUnfinishedRunsAtTheNextRun() throws Exception {
        Path log = store.resolve("deploy.log");
        assertEquals(0, acmectl(standalone("issue", "crashed.example.test", "--deploy-hook", "echo $ACMECTL_CERT_NAME >> "
                + log)).exitCode());
        assertTrue(Metadata.of(store, "crashed.example.test").at("/renewal/deploy-pending").isMissingNode(),
                "cleared once the hooks ran");
        // What a run killed after storing the certificate but before its hooks finished leaves behind.
        ObjectMapper json = new ObjectMapper();
        Path file = Metadata.file(store, "crashed.example.test");
        ObjectNode metadata = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) metadata.get("renewal")).put("deploy-pending", true);
        json.writeValue(file.toFile(), metadata);

        Cli.Result result = acmectl("renew", "--all", "--no-random-sleep");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("deploy hooks had not finished"), result::toString);
        assertEquals(List.of("crashed.example.test", "crashed.example.test"), Files.readAllLines(log));
        assertTrue(Metadata.of(store, "crashed.example.test").at("/renewal/deploy-pending").isMissingNode());
        Cli.Result again = acmectl("renew", "--all", "--no-random-sleep");
        assertEquals(2, Files.readAllLines(log).size(), again::toString);
    }

    @Test
    void aRateLimitsRetryAfterKeepsLaterRunsAwayFromTheCa() throws Exception {
        assertEquals(0, acmectl(standalone("issue", "limited.example.test")).exitCode());
        Instant notAfter = Instant.parse(Metadata.of(store, "limited.example.test").get("not-after").asText());
        Instant due = notAfter.minus(java.time.Duration.ofDays(1)); // due by any rule then
        Instant retryAfter = due.plusSeconds(3600);
        ObjectMapper json = new ObjectMapper();
        Path file = Metadata.file(store, "limited.example.test");
        ObjectNode metadata = (ObjectNode) json.readTree(file.toFile());
        ObjectNode renewal = (ObjectNode) metadata.get("renewal");
        renewal.put("last-failure", "the CA's rate limit stopped ordering limited.example.test");
        renewal.put("ca-retry-after", retryAfter.toString());
        renewal.remove("ari-next-check");
        json.writeValue(file.toFile(), metadata);

        Cli.Result held = Cli.run(java.time.Clock.fixed(due, java.time.ZoneOffset.UTC), PEBBLE.options(store),
                "-v", "renew", "--all", "--no-random-sleep"); // -v: a line for a certificate not due too
        assertEquals(0, held.exitCode(), held::toString);
        assertTrue(held.out().contains("not due 1"), held::toString);
        assertTrue(held.out().contains("the CA asked not to be asked again"), held::toString);
        assertTrue(Metadata.of(store, "limited.example.test").at("/renewal/ari-next-check").isMissingNode(),
                "not even renewal information was asked for");
        Cli.Result list = Cli.run(java.time.Clock.fixed(due, java.time.ZoneOffset.UTC), PEBBLE.options(store),
                "certificates");
        assertTrue(list.out().contains(retryAfter.toString()), list::toString);

        Cli.Result after = Cli.run(java.time.Clock.fixed(retryAfter.plusSeconds(60), java.time.ZoneOffset.UTC),
                PEBBLE.options(store), "renew", "--all", "--no-random-sleep");
        assertEquals(0, after.exitCode(), after::toString);
        assertTrue(after.out().contains("renewed 1"), after::toString);
    }
}
