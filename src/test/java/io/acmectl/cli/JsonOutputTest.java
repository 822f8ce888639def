package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.acme.AccountClient;
import io.acmectl.core.CaServer;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * --json on every command a script reads, against a real Pebble: each document parsed back and
 * checked field by field against what the store and the CA hold. Pebble validates nothing here
 * (PEBBLE_VA_ALWAYS_VALID): the challenge files are written to a webroot, no port is bound.
 */
class JsonOutputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().env("PEBBLE_VA_ALWAYS_VALID", "1").build();

    @TempDir
    Path store;

    @TempDir
    Path webroot;

    private Cli.Result acmectl(String... args) {
        List<String> global = new ArrayList<>(PEBBLE.options(store));
        global.add("--no-self-check");
        return Cli.run(global, args);
    }

    /** stdout holds exactly one JSON document, of schema version 1; nothing else is on stdout. */
    static JsonNode document(Cli.Result result) throws IOException {
        List<JsonNode> documents = JSON.readerFor(JsonNode.class).<JsonNode>readValues(result.out()).readAll();
        assertEquals(1, documents.size(), result::toString);
        JsonNode document = documents.get(0);
        assertEquals(1, document.get("schemaVersion").asInt(), result::toString);
        return document;
    }

    private X509Certificate served(String name) throws Exception {
        Path cert = store.resolve("live").resolve(name).resolve("cert.pem");
        return Pem.readCertificates(Files.readString(cert), cert.toString()).get(0);
    }

    @Test
    void aCertificatesLifeAsJson() throws Exception {
        JsonNode registered = document(acmectl("--json", "register", "--agree-tos", "-m", "json@example.com"));
        assertTrue(registered.get("created").asBoolean());
        String accountUrl = registered.at("/account/url").asText();
        assertTrue(accountUrl.startsWith("https://localhost:"), registered::toString);
        assertEquals(List.of("json@example.com"), strings(registered.at("/account/contacts")));

        Cli.Result issue = acmectl("issue", "--json", "json.example.test", "www.json.example.test", "--webroot",
                webroot.toString());
        assertEquals(0, issue.exitCode(), issue::toString);
        assertEquals("", issue.err(), "under --json nothing but logs goes to stderr");
        JsonNode issued = document(issue).at("/certificates/0");
        X509Certificate leaf = served("json.example.test");
        assertEquals("json.example.test", issued.get("name").asText());
        assertEquals("issued", issued.get("outcome").asText());
        assertFalse(issued.get("dryRun").asBoolean());
        assertCertificate(issued.get("certificate"), leaf, accountUrl);
        assertEquals(store.resolve("live/json.example.test").toString(), issued.at("/files/directory").asText());
        assertEquals(store.resolve("live/json.example.test/fullchain.pem").toString(),
                issued.at("/files/fullchain").asText());
        JsonNode summary = document(issue).get("summary");
        assertEquals(1, summary.get("issued").asInt());
        assertEquals(0, summary.get("failed").asInt());
        assertEquals(0, document(issue).get("exitCode").asInt());

        JsonNode again = document(acmectl("--json", "issue", "json.example.test", "www.json.example.test",
                "--webroot", webroot.toString())).at("/certificates/0");
        assertEquals("unchanged", again.get("outcome").asText(), again::toString);
        assertEquals(leaf.getSerialNumber().toString(16), again.at("/certificate/serial").asText());

        listedAndNotDue(leaf);
        X509Certificate renewed = renewedByForce(leaf, accountUrl);
        accountShown(accountUrl);
        accountChanged(accountUrl);
        revoked(renewed);
    }

    private void accountChanged(String accountUrl) throws Exception {
        JsonNode updated = document(acmectl("--json", "account", "update", "-m", "new@example.com"));
        assertEquals("contactsUpdated", updated.get("change").asText());
        assertEquals(accountUrl, updated.at("/account/url").asText());
        assertEquals(List.of("new@example.com"), strings(updated.at("/account/contacts")));
        JsonNode rolled = document(acmectl("--json", "account", "rollover", "--key-type", "ec384"));
        assertEquals("keyRolledOver", rolled.get("change").asText());
        assertEquals("ec384", rolled.at("/account/keyType").asText());
        assertEquals("ec384", document(acmectl("--json", "account", "show")).at("/account/keyType").asText());
    }

    private void listedAndNotDue(X509Certificate leaf) throws Exception {
        Cli.Result list = acmectl("certificates", "--json");
        assertEquals(0, list.exitCode(), list::toString);
        JsonNode listing = document(list);
        assertEquals(store.toString(), listing.get("store").asText());
        JsonNode entry = listing.at("/certificates/0");
        assertEquals(1, listing.get("certificates").size(), listing::toString);
        assertEquals("json.example.test", entry.get("name").asText());
        assertEquals(leaf.getSerialNumber().toString(16), entry.get("serial").asText());
        assertEquals(leaf.getNotAfter().toInstant(), Instant.parse(entry.get("notAfter").asText()));
        assertTrue(entry.get("daysLeft").asLong() > 300, entry::toString); // Debian's Pebble: 5 years
        assertFalse(entry.at("/renewal/due").asBoolean());
        assertEquals("thirdOfLifetime", entry.at("/renewal/basis").asText(), entry::toString);
        assertTrue(entry.get("lastFailure").isNull());

        // -v: a run's logs stay off stdout; every certificate is in the document, not due ones too
        Cli.Result renew = acmectl("-v", "--json", "renew", "--all", "--no-random-sleep");
        assertEquals(0, renew.exitCode(), renew::toString);
        JsonNode notDue = document(renew).at("/certificates/0");
        assertEquals("notDue", notDue.get("outcome").asText());
        assertEquals(Instant.parse(entry.at("/renewal/dueAt").asText()),
                Instant.parse(notDue.at("/renewal/dueAt").asText()));
        assertEquals(1, document(renew).at("/summary/notDue").asInt());
    }

    private X509Certificate renewedByForce(X509Certificate before, String accountUrl) throws Exception {
        Cli.Result renew = acmectl("renew", "--cert-name", "json.example.test", "--force", "--json");
        assertEquals(0, renew.exitCode(), renew::toString);
        JsonNode outcome = document(renew).at("/certificates/0");
        X509Certificate after = served("json.example.test");
        assertFalse(before.getSerialNumber().equals(after.getSerialNumber()));
        assertEquals("renewed", outcome.get("outcome").asText());
        assertCertificate(outcome.get("certificate"), after, accountUrl);
        assertEquals(2, outcome.at("/certificate/version").asInt());
        assertEquals(1, document(renew).at("/summary/renewed").asInt());
        return after;
    }

    private void accountShown(String accountUrl) throws Exception {
        JsonNode account = document(acmectl("account", "show", "--json")).get("account");
        Path stored = Accounts.only(store, Accounts.serverId(PEBBLE));
        assertEquals(accountUrl, account.get("url").asText());
        assertEquals(stored.getFileName().toString(), account.get("id").asText());
        assertEquals("valid", account.get("status").asText());
        assertEquals("ec256", account.get("keyType").asText());
        assertEquals(AccountClient.thumbprint(Pem.readKeyPair(Files.readString(stored.resolve("account.key")),
                "account.key")), account.get("thumbprint").asText());
        assertEquals(List.of("mailto:json@example.com"), strings(account.get("contacts")));
        assertEquals(PEBBLE.directory().toString(), account.get("server").asText());
    }

    private void revoked(X509Certificate leaf) throws Exception {
        String serial = leaf.getSerialNumber().toString(16);
        JsonNode revocation = document(acmectl("revoke", "--cert-name", "json.example.test", "--reason",
                "superseded", "--yes", "--json")).get("revocation");
        assertEquals("revoked", revocation.get("outcome").asText());
        assertEquals(serial, revocation.get("serial").asText());
        assertEquals("json.example.test", revocation.get("name").asText());
        assertEquals("superseded", revocation.get("reason").asText());
        assertEquals(List.of("json.example.test", "www.json.example.test"), strings(revocation.get("domains")));
        assertTrue(PEBBLE.management("/cert-status-by-serial/" + serial).contains("\"Status\": \"Revoked\""));

        JsonNode again = document(acmectl("--json", "revoke", "--cert-name", "json.example.test", "--yes"))
                .get("revocation");
        assertEquals("alreadyRevoked", again.get("outcome").asText());
    }

    private static void assertCertificate(JsonNode json, X509Certificate leaf, String accountUrl) {
        assertEquals(leaf.getSerialNumber().toString(16), json.get("serial").asText());
        assertEquals(leaf.getNotAfter().toInstant(), Instant.parse(json.get("notAfter").asText()));
        assertEquals(leaf.getNotBefore().toInstant(), Instant.parse(json.get("notBefore").asText()));
        assertEquals(List.of("json.example.test", "www.json.example.test"), strings(json.get("domains")));
        assertEquals("ec256", json.get("keyType").asText());
        assertTrue(json.get("profile").isNull());
        assertEquals(PEBBLE.directory().toString(), json.get("server").asText());
        assertEquals(accountUrl, json.get("account").asText());
        assertTrue(json.get("revokedAt").isNull());
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void invalidWantListEntriesAreInTheDocument() throws Exception {
        Path want = Files.writeString(store.resolve("want.yaml"), """
                defaults:
                  agree-tos: true
                  challenge: { webroot: WEBROOT }
                certificates:
                  - name: good.example.test
                    domains: [good.example.test]
                  - name: bad.example.test
                    domains: [bad.example.test]
                    key: { type: rsa1234 }
                """.replace("WEBROOT", webroot.toString()));
        Cli.Result all = acmectl("--json", "issue", "--all");
        assertEquals(1, all.exitCode(), all::toString);
        assertEquals("", all.err(), "the errors are in the document: " + all);
        JsonNode document = document(all);
        assertEquals("issued", document.at("/certificates/0/outcome").asText());
        JsonNode invalid = document.at("/invalidEntries/0");
        assertEquals("bad.example.test", invalid.get("name").asText());
        assertTrue(invalid.get("leftOut").asBoolean());
        assertEquals(List.of(want + ":9:18: unknown key type 'rsa1234'; use one of ec256, ec384, rsa2048, rsa3072, "
                + "rsa4096"), strings(invalid.get("errors")));
        assertEquals(1, document.at("/summary/failed").asInt());
        assertEquals(1, document.get("exitCode").asInt());

        Cli.Result named = acmectl("--json", "renew", "--cert-name", "good.example.test", "--cert-name",
                "bad.example.test");
        assertEquals(2, named.exitCode(), named::toString);
        JsonNode error = document(named).get("error");
        assertEquals("bad-input", error.get("kind").asText());
        assertEquals(2, error.get("exitCode").asInt());
        assertEquals("bad.example.test", error.at("/invalidEntries/0/name").asText());
    }

    @Test
    void serversListsEveryAlias() throws Exception {
        JsonNode servers = document(Cli.run(List.of(), "servers", "--json")).get("servers");
        assertEquals(CaServer.ALIASES.size(), servers.size());
        JsonNode first = servers.get(0);
        assertEquals(CaServer.ALIASES.get(first.get("alias").asText()).toString(), first.get("directory").asText());
    }

    @Test
    void errorsAreDocumentsWithTheExitCodeOfTheRun() throws Exception {
        Cli.Result noChallenge = acmectl("--json", "issue", "x.example.test");
        assertEquals(2, noChallenge.exitCode(), noChallenge::toString);
        assertEquals("", noChallenge.err(), noChallenge::toString);
        JsonNode error = document(noChallenge).get("error");
        assertEquals("bad-input", error.get("kind").asText());
        assertEquals(2, error.get("exitCode").asInt());
        assertTrue(error.get("message").asText().startsWith("name the domains and a challenge"), error::toString);

        Cli.Result usage = acmectl("issue", "--bogus", "--json");
        assertEquals(2, usage.exitCode(), usage::toString);
        assertEquals("usage", document(usage).at("/error/kind").asText());
        assertTrue(document(usage).at("/error/message").asText().contains("--bogus"), usage::toString);

        Cli.Result format = acmectl("--format", "yaml", "servers");
        assertEquals(2, format.exitCode(), format::toString);
        assertTrue(format.err().contains("--format yaml: not a format; known: json, text"), format::toString);

        Cli.Result unreachable = Cli.run(List.of("--config-dir", store.toString(), "--server",
                "https://127.0.0.1:" + PebbleServer.freePort() + "/dir", "--json"), "register", "--agree-tos");
        assertEquals(4, unreachable.exitCode(), unreachable::toString);
        assertEquals("ca-unreachable", document(unreachable).at("/error/kind").asText());
        assertEquals(4, document(unreachable).at("/error/exitCode").asInt());
    }

    @Test
    void quietPrintsNothingOnSuccessAndTheErrorOnFailure() throws Exception {
        Cli.Result issue = acmectl("-q", "issue", "quiet.example.test", "--webroot", webroot.toString(),
                "--agree-tos");
        assertEquals(0, issue.exitCode(), issue::toString);
        assertEquals("", issue.out() + issue.err(), issue::toString);
        Cli.Result renew = acmectl("--quiet", "renew", "--all", "--force");
        assertEquals(0, renew.exitCode(), renew::toString);
        assertEquals("", renew.out() + renew.err(), renew::toString);
        assertTrue(Files.exists(store.resolve("archive/quiet.example.test/cert2.pem")), "it did renew");

        Cli.Result failed = acmectl("-q", "issue", "quiet.example.test", "--webroot", "/nonexistent", "--force");
        assertEquals(2, failed.exitCode(), failed::toString);
        assertEquals("", failed.out(), failed::toString);
        assertTrue(failed.err().startsWith("acmectl: error: "), failed::toString);
    }
}
