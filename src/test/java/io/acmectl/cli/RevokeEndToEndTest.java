package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** revoke by account and by the certificate's own key; Pebble's management API is the judge. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class RevokeEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private String issue(String name) throws Exception {
        Cli.Result issued = acmectl("issue", name, "--standalone", "--http-address", "127.0.0.1", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--agree-tos");
        assertEquals(0, issued.exitCode(), issued::toString);
        return Metadata.of(store, name).get("serial").asText();
    }

    private String status(String serial) throws Exception {
        return PEBBLE.management("/cert-status-by-serial/" + serial);
    }

    @Test
    void revokingByAccountRecordsTheReasonAtTheCaAndInTheStore() throws Exception {
        String serial = issue("byaccount.example.test");
        assertTrue(status(serial).contains("\"Status\": \"Valid\""), () -> "before: " + serial);

        Cli.Result revoked = acmectl("revoke", "--cert-name", "byaccount.example.test", "--reason", "superseded",
                "--yes");
        assertEquals(0, revoked.exitCode(), revoked::toString);
        String after = status(serial);
        assertTrue(after.contains("\"Status\": \"Revoked\""), after);
        assertTrue(after.contains("\"Reason\": 4"), after); // RFC 5280: superseded (4)
        assertEquals("superseded", Metadata.of(store, "byaccount.example.test").get("revocation-reason").asText());
        assertTrue(Files.exists(store.resolve("live/byaccount.example.test/cert.pem")), "kept without --delete");

        Cli.Result again = acmectl("revoke", "--cert-name", "byaccount.example.test", "--yes");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("already revoked"), again::toString);
    }

    @Test
    void revokingWithTheCertificatesOwnKeyNeedsNoAccount(@TempDir Path elsewhere) throws Exception {
        String serial = issue("bykey.example.test");
        Path live = store.resolve("live/bykey.example.test");
        Path cert = Files.copy(live.resolve("cert.pem"), elsewhere.resolve("cert.pem"));
        Path key = Files.copy(live.resolve("privkey.pem"), elsewhere.resolve("privkey.pem"));

        // A store without any account: only the certificate and its key.
        Cli.Result revoked = Cli.run(PEBBLE.options(elsewhere.resolve("empty-store")), "revoke", "--cert-path",
                cert.toString(), "--key-path", key.toString(), "--reason", "keyCompromise", "--yes");
        assertEquals(0, revoked.exitCode(), revoked::toString);
        String after = status(serial);
        assertTrue(after.contains("\"Status\": \"Revoked\""), after);
        assertTrue(after.contains("\"Reason\": 1"), after); // keyCompromise (1)
        assertFalse(Files.exists(elsewhere.resolve("empty-store/accounts")));
    }

    @Test
    void deleteTakesItOutOfLiveAndKeepsTheArchive() throws Exception {
        issue("gone.example.test");
        Cli.Result revoked = acmectl("revoke", "--cert-name", "gone.example.test", "--delete", "--yes");
        assertEquals(0, revoked.exitCode(), revoked::toString);
        assertFalse(Files.exists(store.resolve("live/gone.example.test")));
        assertTrue(Files.exists(store.resolve("archive/gone.example.test/cert1.pem")));
    }

    @Test
    void withoutATerminalOrYesNothingIsRevoked() throws Exception {
        String serial = issue("kept.example.test");
        Cli.Result refused = acmectl("revoke", "--cert-name", "kept.example.test");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(status(serial).contains("\"Status\": \"Valid\""));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused(@TempDir Path elsewhere) throws Exception {
        issue("one.example.test");
        issue("two.example.test");
        Cli.Result refused = acmectl("revoke", "--cert-path", store.resolve("live/one.example.test/cert.pem").toString(),
                "--key-path", store.resolve("live/two.example.test/privkey.pem").toString(), "--yes");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("is not the key of the certificate"), refused::toString);
    }

    @Test
    void anUnknownReasonListsTheKnownOnes() {
        Cli.Result refused = acmectl("revoke", "--cert-name", "x", "--reason", "boredom", "--yes");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("keyCompromise"), refused::toString);
    }
}
